package dev.teto.data.testing;

import dev.teto.data.api.scoring.ProfileScorer;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated test class a {@code TetoData} over real servers: just the {@link #stores()} it asks for,
 * each started once per JVM (external server from the environment, else Testcontainers, else embedded) and
 * isolated per class (its own PostgreSQL schema). The {@code TetoData} and each store's fixture (e.g.
 * {@link TestDatabase}) can be injected as parameters into the constructor and into lifecycle and test methods.
 * They are shared by all tests of the class, including {@code @Nested} classes, and closed after the last one.
 *
 * @see TetoDataExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TetoDataExtension.class)
public @interface TetoDataTest {

    /** The stores to start and configure. */
    TestStore[] stores() default {TestStore.POSTGRES};

    /**
     * The scorer {@code assessmentFlow().complete(id)} uses: a class with a public no-argument constructor.
     * {@link ProfileScorer} itself means none.
     */
    Class<? extends ProfileScorer> scorer() default ProfileScorer.class;
}

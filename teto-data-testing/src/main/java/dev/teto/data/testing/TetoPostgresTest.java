package dev.teto.data.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class one migrated, isolated database: a {@link TestDatabase} schema in the shared
 * server and a {@code TetoData} built on it (which runs the migrations). Both can be injected as parameters into
 * the constructor and into {@code @BeforeAll}, {@code @BeforeEach}, {@code @Test}, {@code @AfterEach} and
 * {@code @AfterAll} methods. They are shared by all tests of the class, including {@code @Nested} classes, and
 * closed (TetoData first, then the schema dropped) after the last one.
 *
 * @see TetoPostgresExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TetoPostgresExtension.class)
public @interface TetoPostgresTest {
}

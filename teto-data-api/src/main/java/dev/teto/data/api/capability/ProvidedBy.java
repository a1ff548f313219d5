package dev.teto.data.api.capability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which module provides a capability interface and which options configure it; read only to write a helpful
 * {@link dev.teto.data.api.error.StoreNotConfiguredException} when the capability is missing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProvidedBy {
    /** The Maven artifact, e.g. {@code dev.teto:teto-data-postgres}. */
    String module();

    /** The options class given to {@code TetoData.builder().with(...)}, e.g. {@code PostgresOptions}. */
    String options();
}

package dev.teto.data.api.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a repository method parameter: null is allowed (a filter that matches any value). Every other parameter is
 * required, and core rejects a null with a {@link dev.teto.data.api.error.ValidationException} naming it before
 * any store is called.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Nullable {
}

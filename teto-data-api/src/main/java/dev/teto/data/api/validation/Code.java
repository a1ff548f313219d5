package dev.teto.data.api.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A repository parameter that is a code (a personality type, a category, a tag): 1 to 50 of letters, digits and
 * {@code _ . : -}, starting with a letter or digit. Core checks it before any store is called, so a code is safe in
 * a query, a cache key or a log line.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Code {
}

package dev.teto.data.core.internal.validation;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Code;
import dev.teto.data.api.validation.Nullable;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one place every repository call's arguments are checked, before any store is called: each parameter is
 * required unless marked {@link Nullable}; text may not hold NUL; instants must fit every store's range; input
 * records (anything with a {@code validate()} method) validate themselves, as does every element of a list.
 * Adapters never validate again.
 */
public final class Arguments {
    private static final ConcurrentMap<Class<?>, MethodHandle> VALIDATORS = new ConcurrentHashMap<>();
    /** Reflection on parameters allocates; the answer path calls this for every answer. */
    private static final ConcurrentMap<Method, Param[]> PARAMS = new ConcurrentHashMap<>();

    private record Param(String name, boolean nullable, boolean code) {
    }
    private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private Arguments() {
    }

    public static void validate(Method method, Object[] args) {
        if (args == null) {
            return;
        }
        Param[] params = PARAMS.computeIfAbsent(method, Arguments::params);
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                if (!params[i].nullable()) {
                    throw new ValidationException(params[i].name(), null, "is required");
                }
                continue;
            }
            if (params[i].code() && args[i] instanceof String code) {
                Check.code(params[i].name(), code);
            }
            check(params[i].name(), args[i]);
        }
    }

    private static Param[] params(Method method) {
        Parameter[] parameters = method.getParameters();
        Param[] params = new Param[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            params[i] = new Param(parameters[i].getName(), parameters[i].isAnnotationPresent(Nullable.class),
                    parameters[i].isAnnotationPresent(Code.class));
        }
        return params;
    }

    /** Checks one value of any supported kind under {@code field}. */
    public static void check(String field, Object value) {
        if (value instanceof String text) {
            text(field, text);
        } else if (value instanceof Instant instant) {
            instant(field, instant);
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                String itemField = field + "[" + i++ + "]";
                if (item == null) {
                    throw new ValidationException(itemField, null, "is required");
                }
                try {
                    check(itemField, item);
                } catch (ValidationException e) {
                    throw e.field().startsWith(itemField) ? e : e.within(itemField);
                }
            }
        } else {
            selfValidate(value);
        }
    }

    /** No NUL, no lone surrogate: the same text rule the input records use. */
    public static String text(String field, String value) {
        return Check.text(field, value);
    }

    /** Within PostgreSQL's timestamptz range, the narrowest of our stores: the rule the input records use. */
    public static Instant instant(String field, Instant value) {
        return Check.instant(field, value);
    }

    private static void selfValidate(Object value) {
        MethodHandle validator = VALIDATORS.computeIfAbsent(value.getClass(), Arguments::findValidator);
        if (validator == NONE) {
            return;
        }
        try {
            validator.invoke(value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle findValidator(Class<?> type) {
        if (!type.isRecord()) {
            return NONE;
        }
        try {
            Method m = type.getMethod("validate");
            return MethodHandles.publicLookup().unreflect(m).asType(MethodType.methodType(void.class, Object.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return NONE;
        }
    }
}

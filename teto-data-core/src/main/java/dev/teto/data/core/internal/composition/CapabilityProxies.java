package dev.teto.data.core.internal.composition;

import dev.teto.data.core.internal.tx.Runner;
import dev.teto.data.core.internal.validation.Arguments;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.lang.reflect.Proxy;

/**
 * The two generic wrappers every capability gets, so that a store's new repository works through
 * {@code data.get(type)} with no code in core: argument validation in front, and a transaction per call behind.
 */
final class CapabilityProxies {
    private CapabilityProxies() {
    }

    /** Checks the arguments ({@link Arguments}) and then calls {@code target}, counting and timing the call. */
    static <T> T validating(Class<T> type, T target, CallStats stats) {
        Map<Method, CallStats.Stat> byMethod = new java.util.HashMap<>();
        for (Method method : type.getMethods()) {
            byMethod.put(method, stats.stat(type.getSimpleName(), method.getName()));
        }
        return proxy(type, "validated " + type.getSimpleName(), (method, args) -> {
            CallStats.Stat stat = byMethod.get(method);
            long start = System.nanoTime();
            boolean failed = true;
            try {
                Arguments.validate(method, args);
                Object result = invoke(method, target, args);
                failed = false;
                return result;
            } finally {
                if (stat != null) {
                    stat.record(System.nanoTime() - start, failed);
                }
            }
        });
    }

    /** Runs each call in a unit of {@code runner}, on the store's capability bound to that unit's transaction. */
    static <T> T transactional(Class<T> type, Runner runner) {
        return proxy(type, "transactional " + type.getSimpleName(),
                (method, args) -> runner.run(unit -> invoke(method, unit.port(type), args)));
    }

    private interface Call {
        Object apply(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, String label, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> label;
                };
            }
            return call.apply(method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.teto.data.cli;

import dev.teto.data.api.scoring.ProfileScorer;

import java.lang.reflect.Constructor;

/** Loads a {@link ProfileScorer} class by name from the class path (the CLI jar plus the host's scorer jar). */
public final class Scorers {
    private Scorers() {
    }

    /**
     * A new instance of {@code className}, which must implement {@link ProfileScorer} and have a public no-arg
     * constructor.
     *
     * @param field the option or setting the name came from, named in every error
     * @throws IllegalArgumentException naming {@code field} when the class is missing or unusable
     */
    public static ProfileScorer load(String className, String field) {
        Class<?> type;
        try {
            type = Class.forName(className.trim(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(field + ": class " + className + " is not on the class path");
        }
        if (!ProfileScorer.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(field + ": " + className + " does not implement "
                    + ProfileScorer.class.getName());
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (ProfileScorer) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(field + ": " + className
                    + " needs a public no-arg constructor that does not throw (" + e.getClass().getSimpleName() + ")");
        }
    }
}

package dev.teto.data.core.internal.tx;

import java.util.function.Function;

/**
 * Runs one repository call as a unit: on its own transaction (the facade) or under a savepoint of the caller's
 * transaction (inside {@code inTransaction}). Rules are written once against this and work in both.
 */
@FunctionalInterface
public interface Runner {
    <R> R run(Function<Unit, R> work);
}

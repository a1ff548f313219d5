package dev.teto.data.core.internal.rules;

import dev.teto.data.core.internal.tx.Runner;
import dev.teto.data.core.internal.tx.Unit;

import java.util.function.BiFunction;
import java.util.function.Function;

/** Base of core's repository rules: one way to run a call on the store's port within a unit. */
abstract class PortCalls<P> {
    private final Runner runner;
    private final Class<P> port;

    PortCalls(Runner runner, Class<P> port) {
        this.runner = runner;
        this.port = port;
    }

    /** A plain call: the store's port does all of it. */
    final <R> R call(Function<P, R> work) {
        return runner.run(unit -> work.apply(unit.port(port)));
    }

    /** A call with rules around it: events, liveness, other ports of the same transaction. */
    final <R> R unit(BiFunction<Unit, P, R> work) {
        return runner.run(unit -> work.apply(unit, unit.port(port)));
    }
}

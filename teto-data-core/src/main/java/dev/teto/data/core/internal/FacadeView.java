package dev.teto.data.core.internal;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.tx.Runner;
import dev.teto.data.core.internal.tx.Unit;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/** The facade for one actor: every repository call is a transaction of its own, run for that actor. */
public final class FacadeView implements TetoOperations {
    private final CoreServices core;
    private final Actor actor;
    private final Runner runner;
    private final ConcurrentMap<Class<?>, Object> resolved = new ConcurrentHashMap<>();

    public FacadeView(CoreServices core, Actor actor) {
        this.core = core;
        this.actor = Objects.requireNonNull(actor, "actor");
        this.runner = new Runner() {
            @Override
            public <R> R run(Function<Unit, R> work) {
                return core.transactions().runAlone(FacadeView.this.actor, work);
            }
        };
    }

    @Override
    public <T> T get(Class<T> type) {
        Check.required("type", type);
        return type.cast(resolved.computeIfAbsent(type, t -> core.resolve(t, runner, actor)));
    }

    @Override
    public <R> R inTransaction(TxOptions options, Function<TxContext, R> work) {
        Check.required("options", options);
        Check.required("work", work);
        return core.transactions().inTransaction(actor, options,
                transaction -> work.apply(new TransactionContext(core, transaction, actor)));
    }

    @Override
    public TetoOperations as(Actor other) {
        return new FacadeView(core, Check.required("actor", other));
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public String toString() {
        return "TetoData view for " + actor.label();
    }
}

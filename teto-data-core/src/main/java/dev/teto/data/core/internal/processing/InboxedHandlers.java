package dev.teto.data.core.internal.processing;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.spi.InboxClaims;
import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.api.spi.TransactionalStore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The host's handlers as a transport module gets them: each skips an event its inbox already records and records
 * the event once it returned, so a redelivered event (a broker duplicate, a rebalance) reaches a handler that
 * succeeded on it no second time: the in-process dispatcher's guarantee, on any transport. A handler that says it
 * is {@link EventHandler#idempotent() idempotent} is passed through as it is.
 */
public final class InboxedHandlers {
    private InboxedHandlers() {
    }

    public static Map<String, EventHandler> wrap(Map<String, EventHandler> handlers, TransactionalStore store) {
        if (store == null) {
            return handlers;
        }
        Map<String, EventHandler> wrapped = new LinkedHashMap<>();
        handlers.forEach((name, handler) -> wrapped.put(name,
                handler.idempotent() ? handler : new Inboxed(name, handler, store)));
        return Collections.unmodifiableMap(wrapped);
    }

    private record Inboxed(String name, EventHandler delegate, TransactionalStore store) implements EventHandler {
        @Override
        public void handle(DomainEvent event) throws Exception {
            boolean done = inTransaction(inbox -> !inbox.claimed(name, List.of(event.id())).isEmpty());
            if (done) {
                return;
            }
            delegate.handle(event);
            inTransaction(inbox -> inbox.claim(name, List.of(event.id())));
        }

        @Override
        public boolean accepts(String eventType) {
            return delegate.accepts(eventType);
        }

        @Override
        public boolean retriesUntilDelivered() {
            return delegate.retriesUntilDelivered();
        }

        private <R> R inTransaction(Function<InboxClaims, R> work) {
            try (StoreTransaction tx = store.begin(TxOptions.DEFAULT, Actor.NONE)) {
                R result = work.apply(tx.capability(InboxClaims.class));
                tx.commit();
                return result;
            }
        }
    }
}

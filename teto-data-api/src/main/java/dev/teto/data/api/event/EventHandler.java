package dev.teto.data.api.event;

/**
 * Reacts to committed events: a cache invalidation, a search projection, an analytics write. Registered under a
 * stable name ({@code TetoData.builder().eventHandler(name, handler)}) that keys its inbox. A handler sees the
 * events that are still undelivered when it is registered and every later one; events delivered before it existed
 * are not replayed to it.
 *
 * <p>Delivery is at least once. The dispatcher records each (handler, event id) it delivered, so a handler is not
 * called again for an event it handled, but a crash between the handler's side effect and that record repeats
 * the call: make side effects idempotent by {@link DomainEvent#id()}. Throwing means "retry later"; after the
 * configured attempts the event is parked for this handler with the error, and the others go on.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(DomainEvent event) throws Exception;

    /** Only events this returns true for reach {@link #handle}; the rest count as handled. */
    default boolean accepts(String eventType) {
        return true;
    }

    /**
     * True for a handler whose effect may never be given up, such as core's cache invalidation: it is retried,
     * with backoff, until it succeeds instead of being parked after the configured attempts. While it fails, the
     * later events of the same aggregate wait.
     */
    default boolean retriesUntilDelivered() {
        return false;
    }

    /**
     * True for a handler that may see the same event twice without harm, because its effect only restates what
     * the stores hold (core's cache invalidation evicts; its search projection re-indexes the user as stored). On
     * a transport (Kafka) the dispatcher then keeps no inbox record for it, saving the two small transactions
     * per event and handler that the record costs; a redelivery (after a crash or a rebalance) calls it again.
     * The in-process dispatcher, whose inbox also tracks what each handler has yet to see, ignores it.
     */
    default boolean idempotent() {
        return false;
    }
}

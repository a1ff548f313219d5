package dev.teto.data.api.event;

/**
 * Moves committed outbox rows to the registered {@link EventHandler}s: at least once, in order per aggregate,
 * idempotent per (handler, event id) through an inbox, with retries and parking. The in-process one lives in
 * core; a Kafka transport implements the same port.
 */
public interface EventDispatcher extends AutoCloseable {

    /** Starts delivering in the background. */
    void start();

    /** A hint that new events were committed: deliver soon rather than at the next poll. */
    void wake();

    /**
     * Delivers everything that is due now on the calling thread and returns how many events it finished; for
     * tests, tools and shutdown.
     */
    int drain();

    /**
     * Stops delivering: the batch in progress is finished (or abandoned after the handler timeout), then no
     * other starts. Undelivered events stay in the outbox for the next start.
     */
    @Override
    void close();
}

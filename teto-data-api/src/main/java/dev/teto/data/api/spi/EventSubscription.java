package dev.teto.data.api.spi;

/** A running consumer of an {@link EventStream}; closing it stops reading after the batch in progress. */
public interface EventSubscription extends AutoCloseable {

    /** The consumer group name it was subscribed with. */
    String group();

    /**
     * Handles everything readable now on the calling thread, for tests and tools; returns how many events were
     * handled (dead-lettered ones included). A background subscription may hand this to its own thread.
     */
    int drain();

    @Override
    void close();
}

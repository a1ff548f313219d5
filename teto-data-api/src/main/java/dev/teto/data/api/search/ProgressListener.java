package dev.teto.data.api.search;

/** Progress of a reindex or reconcile; called on the caller's thread after each batch. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (phase, done, total) -> { };

    /**
     * @param phase what is running: {@code scan-source}, {@code scan-index}, {@code copy}, {@code repair}, {@code swap}
     * @param done  items finished in this phase
     * @param total items in this phase, or -1 when not known in advance
     */
    void progress(String phase, long done, long total);
}

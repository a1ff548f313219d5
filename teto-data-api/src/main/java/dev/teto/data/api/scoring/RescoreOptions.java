package dev.teto.data.api.scoring;

import dev.teto.data.api.validation.Check;

/**
 * How a re-score runs.
 *
 * @param batchSize assessments per transaction
 * @param progress  told after each batch
 */
public record RescoreOptions(int batchSize, RescoreProgress progress) {
    public static final int DEFAULT_BATCH_SIZE = 200;
    public static final int MAX_BATCH_SIZE = 5_000;
    public static final RescoreOptions DEFAULTS = new RescoreOptions(DEFAULT_BATCH_SIZE, RescoreProgress.NONE);

    public RescoreOptions {
        Check.range("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        progress = progress == null ? RescoreProgress.NONE : progress;
    }

    public RescoreOptions withBatchSize(int value) {
        return new RescoreOptions(value, progress);
    }

    public RescoreOptions withProgress(RescoreProgress value) {
        return new RescoreOptions(batchSize, value);
    }

    /** Progress of a re-score; called on the caller's thread after each committed batch. */
    @FunctionalInterface
    public interface RescoreProgress {
        RescoreProgress NONE = (done, total) -> { };

        /**
         * @param done  assessments looked at so far in this run, resumed ones included
         * @param total completed assessments when the run (or its resumption) began
         */
        void progress(long done, long total);
    }
}

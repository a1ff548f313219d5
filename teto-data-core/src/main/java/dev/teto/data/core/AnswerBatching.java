package dev.teto.data.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Group commit for {@code assessmentFlow().answer(...)}: concurrent answer calls are coalesced into one transaction
 * of at most {@code maxAnswers}, each call returning only after its answer is committed (durable as the store's
 * commit is). A failing answer (validation, an unknown question, a completed assessment) fails only its own call.
 * Batches form from concurrency alone when {@code maxWait} is zero: a call goes at once when fewer than
 * {@code committers} batches run, taking along whatever is queued.
 *
 * @param maxAnswers most answers in one transaction; 1 with {@link #OFF}
 * @param maxWait    how long a batch waits to fill before it commits anyway; zero never waits
 * @param committers most batches running at once, so one batch's commit (fsync) overlaps the next batch's work;
 *                   with {@code maxWait} zero a caller that finds a place free runs the batch on its own thread,
 *                   and this many committer threads run the batches no caller leads
 */
public record AnswerBatching(int maxAnswers, Duration maxWait, int committers) {
    public static final int DEFAULT_MAX_ANSWERS = 64;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ZERO;
    public static final int DEFAULT_COMMITTERS = 4;
    /** One transaction per answer call, on the caller's thread. */
    public static final AnswerBatching OFF = new AnswerBatching(1, Duration.ZERO, 0);
    public static final AnswerBatching DEFAULTS = new AnswerBatching(DEFAULT_MAX_ANSWERS, DEFAULT_MAX_WAIT,
            DEFAULT_COMMITTERS);

    public AnswerBatching {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxAnswers < 1 || maxAnswers > 10_000) {
            throw new IllegalArgumentException("maxAnswers must be 1 to 10,000");
        }
        if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("maxWait must be 0 to 1 s");
        }
        if (committers < 0 || committers > 64) {
            throw new IllegalArgumentException("committers must be 0 to 64");
        }
        if ((committers == 0) != (maxAnswers == 1 && maxWait.isZero())) {
            throw new IllegalArgumentException("use AnswerBatching.OFF to turn batching off; a batching setting needs "
                    + "at least one committer");
        }
    }

    public static AnswerBatching of(int maxAnswers, Duration maxWait, int committers) {
        return new AnswerBatching(maxAnswers, maxWait, committers);
    }

    public boolean enabled() {
        return committers > 0;
    }
}

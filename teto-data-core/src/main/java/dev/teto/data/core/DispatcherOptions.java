package dev.teto.data.core;

import dev.teto.data.api.spi.OptionChecks;

import java.time.Duration;
import java.util.Objects;

/**
 * How the in-process event dispatcher delivers outbox events to handlers. Immutable; validated once in
 * {@link Builder#build()}.
 */
public final class DispatcherOptions {
    public static final boolean DEFAULT_ENABLED = true;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final int DEFAULT_WORKER_THREADS = 4;

    public static final DispatcherOptions DEFAULTS = builder().build();

    private final boolean enabled;
    private final Duration pollInterval;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration handlerTimeout;
    private final Duration retention;
    private final int workerThreads;

    private DispatcherOptions(Builder b) {
        this.enabled = b.enabled;
        this.pollInterval = b.pollInterval;
        this.batchSize = b.batchSize;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.handlerTimeout = b.handlerTimeout;
        this.retention = b.retention;
        this.workerThreads = b.workerThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().enabled(enabled).pollInterval(pollInterval).batchSize(batchSize).maxAttempts(maxAttempts)
                .initialBackoff(initialBackoff).maxBackoff(maxBackoff).handlerTimeout(handlerTimeout)
                .retention(retention).workerThreads(workerThreads);
    }

    /** False: no background thread; events wait in the outbox (another process, or {@code drain()}, delivers). */
    public boolean enabled() {
        return enabled;
    }

    /** How often the outbox is read when no commit wakes the dispatcher (a commit in another process, say). */
    public Duration pollInterval() {
        return pollInterval;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Attempts per event and handler before the event is parked for that handler. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** A single handler call that takes longer counts as failed (and is interrupted); queueing does not count. */
    public Duration handlerTimeout() {
        return handlerTimeout;
    }

    /** Delivered events and inbox records older than this are deleted. */
    public Duration retention() {
        return retention;
    }

    /** Handlers of different aggregates run in parallel on this many threads. */
    public int workerThreads() {
        return workerThreads;
    }

    /** Backoff after {@code attempts} failed attempts: doubling from the initial backoff, capped. */
    public Duration backoffAfter(int attempts) {
        long millis = initialBackoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** Mutable, single-use. */
    public static final class Builder {
        private boolean enabled = DEFAULT_ENABLED;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration handlerTimeout = DEFAULT_HANDLER_TIMEOUT;
        private Duration retention = DEFAULT_RETENTION;
        private int workerThreads = DEFAULT_WORKER_THREADS;

        private Builder() {
        }

        /** False: no background delivery; {@code TetoData.events().drain()} delivers on the caller's thread. Default true. */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** How often the outbox is read without a wake-up (commits in other processes). Positive; default 500 ms. */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /** Events read per cycle, 1 to 10,000; default 500. */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Attempts per event before a failing handler's event is parked, at least 1; default 5. */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        /** Wait after the first failure, doubling after each next one. Positive; default 200 ms. */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = value;
            return this;
        }

        /** The longest wait between attempts. Positive; default 5 min. */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        /**
         * How long one handler call may take; a longer call counts as failed, its thread is interrupted and its
         * user's later events wait for the retry. Time spent queued for a worker does not count. Default 30 s.
         */
        public Builder handlerTimeout(Duration value) {
            this.handlerTimeout = value;
            return this;
        }

        /** How long delivered events and inbox records are kept. Positive; default 7 days. */
        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        /** Threads running handlers; different users' events run in parallel on them. 1 to 64; default 4. */
        public Builder workerThreads(int value) {
            this.workerThreads = value;
            return this;
        }

        public DispatcherOptions build() {
            OptionChecks.positive("pollInterval", pollInterval);
            OptionChecks.positive("initialBackoff", initialBackoff);
            OptionChecks.positive("maxBackoff", maxBackoff);
            OptionChecks.positive("handlerTimeout", handlerTimeout);
            OptionChecks.positive("retention", retention);
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batchSize must be between 1 and 10000");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            if (workerThreads < 1 || workerThreads > 64) {
                throw new IllegalArgumentException("workerThreads must be between 1 and 64");
            }
            return new DispatcherOptions(this);
        }
    }
}

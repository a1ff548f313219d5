package dev.teto.data.core.processing;

import dev.teto.data.api.spi.OptionChecks;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link Processors} run. Immutable; validated once in {@link Builder#build()}. The transport's own settings
 * (Kafka's attempts and backoff, say) live in that transport's options; the in-process ones are here.
 */
public final class ProcessorOptions {
    public static final int DEFAULT_BATCH_SIZE = 200;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** An answer faster than this is "too fast" to have been read. */
    public static final Duration DEFAULT_TOO_FAST = Duration.ofMillis(800);
    /** This many identical Likert answers in a row is straight-lining. */
    public static final int DEFAULT_STRAIGHT_LINE_RUN = 8;

    public static final ProcessorOptions DEFAULTS = builder().build();

    private final Set<String> only;
    private final int batchSize;
    private final Duration pollInterval;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration tooFast;
    private final int straightLineRun;

    private ProcessorOptions(Builder b) {
        this.only = Set.copyOf(b.only);
        this.batchSize = b.batchSize;
        this.pollInterval = b.pollInterval;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.tooFast = b.tooFast;
        this.straightLineRun = b.straightLineRun;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The processors to run by name ({@link Processors#ACTIVITIES}, ...); empty: every one whose store is configured. */
    public Set<String> only() {
        return only;
    }

    /** At most this many events per batch (and per transaction, for the PostgreSQL processors). */
    public int batchSize() {
        return batchSize;
    }

    /** In-process: how often the outbox is read for new events. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** In-process: attempts per event before it is parked (dead-lettered) for the processor. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration tooFast() {
        return tooFast;
    }

    public int straightLineRun() {
        return straightLineRun;
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the initial backoff, capped. */
    public Duration backoffAfter(int attempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    public static final class Builder {
        private final Set<String> only = new LinkedHashSet<>();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration tooFast = DEFAULT_TOO_FAST;
        private int straightLineRun = DEFAULT_STRAIGHT_LINE_RUN;

        private Builder() {
        }

        public Builder only(String... names) {
            for (String name : names) {
                only.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder initialBackoff(Duration value) {
            this.initialBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        public Builder tooFast(Duration value) {
            this.tooFast = value;
            return this;
        }

        public Builder straightLineRun(int value) {
            this.straightLineRun = value;
            return this;
        }

        public ProcessorOptions build() {
            for (String name : only) {
                if (!Processors.ALL.contains(name)) {
                    throw new IllegalArgumentException("only: unknown processor " + name
                            + " (known: " + Processors.ALL + ")");
                }
            }
            OptionChecks.between("batchSize", batchSize, 1, 10_000);
            require(maxAttempts >= 1, "maxAttempts must be at least 1");
            OptionChecks.positive("pollInterval", pollInterval);
            OptionChecks.positive("initialBackoff", initialBackoff);
            OptionChecks.positive("maxBackoff", maxBackoff);
            require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must be at least initialBackoff");
            OptionChecks.positive("tooFast", tooFast);
            require(straightLineRun >= 2, "straightLineRun must be at least 2");
            return new ProcessorOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}

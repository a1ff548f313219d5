package dev.teto.data.core;

import dev.teto.data.api.spi.OptionChecks;

import java.time.Duration;
import java.util.Objects;

/**
 * Core's read-through cache policy: what lives how long, how loads are shared, and when the cache is skipped. The
 * cache is on when a store registers one (Redis) and, for single-instance hosts and tests, in process with
 * {@link Builder#inProcess(boolean)}. Immutable; validated once in {@link Builder#build()}.
 */
public final class CacheOptions {
    public static final boolean DEFAULT_ENABLED = true;
    public static final boolean DEFAULT_IN_PROCESS = false;
    public static final Duration DEFAULT_QUESTION_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_PROFILE_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_POPULAR_INSIGHTS_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SESSION_MAX_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_PROGRESS_TTL = Duration.ofHours(2);
    public static final double DEFAULT_JITTER = 0.10;
    public static final double DEFAULT_EARLY_REFRESH = 0.20;
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofMillis(500);
    public static final boolean DEFAULT_NEAR_CACHE = true;
    public static final int DEFAULT_NEAR_CACHE_SIZE = 10_000;
    public static final Duration DEFAULT_NEAR_CACHE_TTL = Duration.ofMinutes(1);
    public static final int DEFAULT_BREAKER_FAILURES = 3;
    public static final Duration DEFAULT_BREAKER_OPEN = Duration.ofSeconds(2);

    public static final CacheOptions DEFAULTS = builder().build();

    private final boolean enabled;
    private final boolean inProcess;
    private final Duration questionTtl;
    private final Duration profileTtl;
    private final Duration popularInsightsTtl;
    private final Duration sessionMaxTtl;
    private final Duration progressTtl;
    private final double jitter;
    private final double earlyRefresh;
    private final Duration leaseTtl;
    private final Duration leaseWait;
    private final boolean nearCache;
    private final int nearCacheSize;
    private final Duration nearCacheTtl;
    private final int breakerFailures;
    private final Duration breakerOpen;

    private CacheOptions(Builder b) {
        this.enabled = b.enabled;
        this.inProcess = b.inProcess;
        this.questionTtl = b.questionTtl;
        this.profileTtl = b.profileTtl;
        this.popularInsightsTtl = b.popularInsightsTtl;
        this.sessionMaxTtl = b.sessionMaxTtl;
        this.progressTtl = b.progressTtl;
        this.jitter = b.jitter;
        this.earlyRefresh = b.earlyRefresh;
        this.leaseTtl = b.leaseTtl;
        this.leaseWait = b.leaseWait;
        this.nearCache = b.nearCache;
        this.nearCacheSize = b.nearCacheSize;
        this.nearCacheTtl = b.nearCacheTtl;
        this.breakerFailures = b.breakerFailures;
        this.breakerOpen = b.breakerOpen;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** False: every read goes to the record of truth, even with Redis configured. */
    public boolean enabled() {
        return enabled;
    }

    /** True: without a cache store (Redis), cache in this process. Only for a single instance (see the README). */
    public boolean inProcess() {
        return inProcess;
    }

    public Duration questionTtl() {
        return questionTtl;
    }

    public Duration profileTtl() {
        return profileTtl;
    }

    public Duration popularInsightsTtl() {
        return popularInsightsTtl;
    }

    /** A cached session lives until the session expires, but never longer than this. */
    public Duration sessionMaxTtl() {
        return sessionMaxTtl;
    }

    public Duration progressTtl() {
        return progressTtl;
    }

    /** Each TTL is spread by up to this fraction either way, so keys cached together do not expire together. */
    public double jitter() {
        return jitter;
    }

    /** A hit in the last fraction of its TTL is reloaded in the background, so hot keys never miss. */
    public double earlyRefresh() {
        return earlyRefresh;
    }

    /** How long one loader may hold a key before another instance may load it too. */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** How long a reader waits for another instance's load before reading the source itself. */
    public Duration leaseWait() {
        return leaseWait;
    }

    /** Questions are also kept in this process, invalidated across instances through the cache store. */
    public boolean nearCache() {
        return nearCache;
    }

    public int nearCacheSize() {
        return nearCacheSize;
    }

    public Duration nearCacheTtl() {
        return nearCacheTtl;
    }

    /** Consecutive cache-store failures after which the store is skipped for {@link #breakerOpen()}. */
    public int breakerFailures() {
        return breakerFailures;
    }

    public Duration breakerOpen() {
        return breakerOpen;
    }

    /** Mutable, single-use. */
    public static final class Builder {
        private boolean enabled = DEFAULT_ENABLED;
        private boolean inProcess = DEFAULT_IN_PROCESS;
        private Duration questionTtl = DEFAULT_QUESTION_TTL;
        private Duration profileTtl = DEFAULT_PROFILE_TTL;
        private Duration popularInsightsTtl = DEFAULT_POPULAR_INSIGHTS_TTL;
        private Duration sessionMaxTtl = DEFAULT_SESSION_MAX_TTL;
        private Duration progressTtl = DEFAULT_PROGRESS_TTL;
        private double jitter = DEFAULT_JITTER;
        private double earlyRefresh = DEFAULT_EARLY_REFRESH;
        private Duration leaseTtl = DEFAULT_LEASE_TTL;
        private Duration leaseWait = DEFAULT_LEASE_WAIT;
        private boolean nearCache = DEFAULT_NEAR_CACHE;
        private int nearCacheSize = DEFAULT_NEAR_CACHE_SIZE;
        private Duration nearCacheTtl = DEFAULT_NEAR_CACHE_TTL;
        private int breakerFailures = DEFAULT_BREAKER_FAILURES;
        private Duration breakerOpen = DEFAULT_BREAKER_OPEN;

        private Builder() {
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public Builder inProcess(boolean value) {
            this.inProcess = value;
            return this;
        }

        public Builder questionTtl(Duration value) {
            this.questionTtl = value;
            return this;
        }

        public Builder profileTtl(Duration value) {
            this.profileTtl = value;
            return this;
        }

        public Builder popularInsightsTtl(Duration value) {
            this.popularInsightsTtl = value;
            return this;
        }

        public Builder sessionMaxTtl(Duration value) {
            this.sessionMaxTtl = value;
            return this;
        }

        public Builder progressTtl(Duration value) {
            this.progressTtl = value;
            return this;
        }

        /** 0 to 0.5; default 0.10. */
        public Builder jitter(double value) {
            this.jitter = value;
            return this;
        }

        /** 0 (off) to 0.5; default 0.20. */
        public Builder earlyRefresh(double value) {
            this.earlyRefresh = value;
            return this;
        }

        public Builder leaseTtl(Duration value) {
            this.leaseTtl = value;
            return this;
        }

        public Builder leaseWait(Duration value) {
            this.leaseWait = value;
            return this;
        }

        public Builder nearCache(boolean value) {
            this.nearCache = value;
            return this;
        }

        /** 1 to 1,000,000; default 10,000. */
        public Builder nearCacheSize(int value) {
            this.nearCacheSize = value;
            return this;
        }

        public Builder nearCacheTtl(Duration value) {
            this.nearCacheTtl = value;
            return this;
        }

        /** At least 1; default 3. */
        public Builder breakerFailures(int value) {
            this.breakerFailures = value;
            return this;
        }

        public Builder breakerOpen(Duration value) {
            this.breakerOpen = value;
            return this;
        }

        public CacheOptions build() {
            for (var entry : new Object[][] {{"questionTtl", questionTtl}, {"profileTtl", profileTtl},
                    {"popularInsightsTtl", popularInsightsTtl}, {"sessionMaxTtl", sessionMaxTtl},
                    {"progressTtl", progressTtl}, {"leaseTtl", leaseTtl}, {"nearCacheTtl", nearCacheTtl},
                    {"breakerOpen", breakerOpen}}) {
                OptionChecks.positive((String) entry[0], (Duration) entry[1]);
            }
            if (Objects.requireNonNull(leaseWait, "leaseWait").isNegative()) {
                throw new IllegalArgumentException("leaseWait must not be negative");
            }
            if (!(jitter >= 0 && jitter <= 0.5)) {
                throw new IllegalArgumentException("jitter must be between 0 and 0.5");
            }
            if (!(earlyRefresh >= 0 && earlyRefresh <= 0.5)) {
                throw new IllegalArgumentException("earlyRefresh must be between 0 and 0.5");
            }
            if (nearCacheSize < 1 || nearCacheSize > 1_000_000) {
                throw new IllegalArgumentException("nearCacheSize must be between 1 and 1000000");
            }
            if (breakerFailures < 1) {
                throw new IllegalArgumentException("breakerFailures must be at least 1");
            }
            return new CacheOptions(this);
        }
    }
}

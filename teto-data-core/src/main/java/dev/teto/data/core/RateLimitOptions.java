package dev.teto.data.core;

import dev.teto.data.api.ratelimit.RateLimit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Limits per endpoint, per user and per IP address, and what happens when the limiter's store (Redis) cannot be
 * reached. Without Redis the limits are counted in this process only when {@link Builder#inProcess(boolean)} says
 * so. Immutable; validated once in {@link Builder#build()}.
 */
public final class RateLimitOptions {
    public static final boolean DEFAULT_FAIL_OPEN = true;
    public static final boolean DEFAULT_IN_PROCESS = false;
    /** Endpoint names become part of the seed's key names, so they are plain tokens. */
    public static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9_.\\-/]{1,64}");

    public static final RateLimitOptions NONE = builder().build();

    private final Map<String, EndpointLimits> endpoints;
    private final boolean failOpen;
    private final boolean inProcess;

    /**
     * @param perUser null for no per-user limit
     * @param perIp   null for no per-IP limit
     */
    public record EndpointLimits(RateLimit perUser, RateLimit perIp) {
    }

    private RateLimitOptions(Builder b) {
        this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(b.endpoints));
        this.failOpen = b.failOpen;
        this.inProcess = b.inProcess;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<EndpointLimits> limits(String endpoint) {
        return Optional.ofNullable(endpoints.get(endpoint));
    }

    public Map<String, EndpointLimits> endpoints() {
        return endpoints;
    }

    /** True: while the store is unreachable every request is allowed (marked degraded); false: every one denied. */
    public boolean failOpen() {
        return failOpen;
    }

    public boolean inProcess() {
        return inProcess;
    }

    /** Mutable, single-use. */
    public static final class Builder {
        private final Map<String, EndpointLimits> endpoints = new LinkedHashMap<>();
        private boolean failOpen = DEFAULT_FAIL_OPEN;
        private boolean inProcess = DEFAULT_IN_PROCESS;

        private Builder() {
        }

        /**
         * Limits for one endpoint name (the host's own: {@code answer}, {@code login}...).
         *
         * @param perUser null for none
         * @param perIp   null for none
         */
        public Builder endpoint(String name, RateLimit perUser, RateLimit perIp) {
            if (name == null || !ENDPOINT.matcher(name).matches()) {
                throw new IllegalArgumentException("endpoint names are 1 to 64 of A-Z a-z 0-9 _ . - /");
            }
            if (perUser == null && perIp == null) {
                throw new IllegalArgumentException("endpoint " + name + " needs a per-user or a per-IP limit");
            }
            endpoints.put(name, new EndpointLimits(perUser, perIp));
            return this;
        }

        public Builder failOpen(boolean value) {
            this.failOpen = value;
            return this;
        }

        /** Count in this process when no store provides a limiter: right for one instance only. */
        public Builder inProcess(boolean value) {
            this.inProcess = value;
            return this;
        }

        public RateLimitOptions build() {
            return new RateLimitOptions(this);
        }
    }
}

package dev.teto.data.redis.internal;

import java.util.List;
import java.util.UUID;

/**
 * The seed's key names behind the configured prefix. Nothing else is ever written: leases live inside the key they
 * guard, and the invalidation channel is a pub/sub channel, not a key.
 */
public final class RedisKeys {
    public static final String SESSION = "SESSION:";
    public static final String USER_SESSIONS = "USER_SESSIONS:";
    public static final String QUESTION = "QUESTION:";
    public static final String PROFILE = "PROFILE:";
    public static final String ASSESSMENT_PROGRESS = "ASSESSMENT_PROGRESS:";
    public static final String POPULAR_INSIGHTS = "POPULAR_INSIGHTS:";
    public static final String RATE_LIMIT = "RATE_LIMIT:";
    public static final String RATE_LIMIT_IP = "RATE_LIMIT_IP:";
    /** The families {@code CacheStore} keeps; sessions and rate limits have ports of their own. */
    static final List<String> CACHE_FAMILIES = List.of(QUESTION, PROFILE, ASSESSMENT_PROGRESS, POPULAR_INSIGHTS);
    /** Not a key: the pub/sub channel every instance hears invalidations on. */
    static final String INVALIDATION_CHANNEL = "CACHE_INVALIDATIONS";

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * The stored key for one of core's logical cache keys.
     *
     * @throws IllegalArgumentException for a key outside the seed's cache families
     */
    String cache(String logicalKey) {
        for (String family : CACHE_FAMILIES) {
            if (logicalKey.startsWith(family) && logicalKey.length() > family.length()) {
                return prefix + logicalKey;
            }
        }
        throw new IllegalArgumentException("not a cache key of the seed's Redis schema: "
                + logicalKey.substring(0, Math.min(logicalKey.indexOf(':') + 1, 24)));
    }

    static boolean isProgress(String logicalKey) {
        return logicalKey.startsWith(ASSESSMENT_PROGRESS);
    }

    public String session(UUID sessionId) {
        return prefix + SESSION + sessionId;
    }

    public String userSessions(UUID userId) {
        return prefix + USER_SESSIONS + userId;
    }

    String rateLimit(boolean ip, String id, String endpoint, String window) {
        return prefix + (ip ? RATE_LIMIT_IP : RATE_LIMIT) + id + ":" + endpoint + ":" + window;
    }

    String channel() {
        return prefix + INVALIDATION_CHANNEL;
    }
}

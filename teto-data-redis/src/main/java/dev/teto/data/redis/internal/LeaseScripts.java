package dev.teto.data.redis.internal;

import io.lettuce.core.ScriptOutputType;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Leases live inside the key they guard, as two hash fields next to the value: {@code lease} (the token) and
 * {@code lease_until} (epoch ms, server clock). So no extra key ever exists, and deleting the key (an invalidation)
 * cancels its lease with it. A lease on a key that holds no value yet makes the key live only as long as the
 * lease; a lease on a key that still holds a value (an early refresh) ends, at the latest, with that value.
 *
 * <p>A token is {@code <random>.<lease start, epoch ms>}, so a later step can tell whether a revocation came after
 * the lease was taken ({@link RedisSessionStore}).
 */
final class LeaseScripts {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** KEYS[1]; ARGV: random part, ttl ms, the field whose presence means "holds a value". Returns the token, or '' when another holds a lease. */
    static final Scripts LEASE = Scripts.of(ScriptOutputType.VALUE,
            Scripts.NOW_MS,
            "local held = redis.call('HMGET', KEYS[1], 'lease', 'lease_until')",
            "if held[1] and tonumber(held[2]) > now then return '' end",
            "local token = ARGV[1] .. '.' .. string.format('%.0f', now)",
            "redis.call('HSET', KEYS[1], 'lease', token, 'lease_until', string.format('%.0f', now + tonumber(ARGV[2])))",
            "if redis.call('HEXISTS', KEYS[1], ARGV[3]) == 0 or redis.call('PTTL', KEYS[1]) < 0 then",
            "  redis.call('PEXPIRE', KEYS[1], ARGV[2])",
            "end",
            "return token");

    /**
     * KEYS[1]; ARGV: token, ttl ms, then field/value pairs. Replaces the whole hash with the fields if the token still
     * holds a live lease. Returns 1 when stored, else 0.
     */
    static final Scripts PUT_LEASED = Scripts.of(ScriptOutputType.INTEGER,
            Scripts.NOW_MS,
            "local held = redis.call('HMGET', KEYS[1], 'lease', 'lease_until')",
            "if held[1] ~= ARGV[1] or not held[2] or tonumber(held[2]) <= now then return 0 end",
            "redis.call('DEL', KEYS[1])",
            "redis.call('HSET', KEYS[1], unpack(ARGV, 3))",
            "redis.call('PEXPIRE', KEYS[1], ARGV[2])",
            "return 1");

    private LeaseScripts() {
    }

    static String randomPart() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The lease's start (server clock, epoch ms) from a token this module issued; -1 when it is not one. */
    static long startOf(String token) {
        int dot = token.lastIndexOf('.');
        if (dot < 0) {
            return -1;
        }
        try {
            return Long.parseLong(token.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String millis(java.time.Duration ttl) {
        return Long.toString(Math.max(1, ttl.toMillis()));
    }
}

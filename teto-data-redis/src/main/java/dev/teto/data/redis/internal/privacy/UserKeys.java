package dev.teto.data.redis.internal.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.redis.internal.RedisKeys;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds every key that belongs to one user:
 * <ul>
 *   <li>{@code USER_SESSIONS:{user}} and each {@code SESSION:{id}} it lists;</li>
 *   <li>every other {@code SESSION:*} whose value names the user (SCAN, values read a page at a time, pipelined):
 *       the index is trimmed and may miss a session, the value is the truth;</li>
 *   <li>{@code PROFILE:{user}:*} and {@code RATE_LIMIT:{user}:*} (SCAN on the user's id);</li>
 *   <li>{@code RATE_LIMIT_IP:{ip}:*} for the IP addresses of the user's sessions: an address is personal data.</li>
 * </ul>
 * {@code ASSESSMENT_PROGRESS:{assessment}} holds no user id and cannot be attributed here (see the README).
 */
final class UserKeys {
    /** The hash field cache values and sessions are kept in ({@code RedisCacheStore.VALUE}). */
    static final String VALUE = "value";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterAsyncCommands<String, String> async;
    private final RedisKeys keys;
    private final Duration timeout;

    UserKeys(RedisClusterCommands<String, String> sync, RedisClusterAsyncCommands<String, String> async,
            RedisKeys keys, Duration timeout) {
        this.sync = sync;
        this.async = async;
        this.keys = keys;
        this.timeout = timeout;
    }

    /** What one user has in Redis; session values (JSON) kept for the export. */
    record Found(String index, Map<String, String> sessions, List<String> profiles, List<String> userLimits,
                 List<String> ipLimits) {

        List<String> all() {
            List<String> all = new ArrayList<>();
            all.add(index);
            all.addAll(sessions.keySet());
            all.addAll(profiles);
            all.addAll(userLimits);
            all.addAll(ipLimits);
            return all;
        }
    }

    Found find(UUID user) {
        String index = keys.userSessions(user);
        List<String> listed = new ArrayList<>();
        for (String member : sync.zrange(index, 0, -1)) {
            UUID id = uuid(member);
            if (id != null) {
                listed.add(keys.session(id));
            }
        }
        // listed sessions go whatever their value holds (null: expired or only a lease left); others if theirs
        Map<String, String> sessions = new LinkedHashMap<>(values(listed));
        String base = KeyScan.literal(keys.prefix());
        KeyScan.each(sync, base + RedisKeys.SESSION + "*", page -> values(page).forEach((key, json) -> {
            if (!sessions.containsKey(key) && json != null && user.toString().equals(parse(json).get("userId"))) {
                sessions.put(key, json);
            }
        }));
        Set<String> ips = new LinkedHashSet<>();
        for (String json : sessions.values()) {
            Object ip = json == null ? null : parse(json).get("ipAddress");
            if (ip instanceof String address && !address.isBlank()) {
                ips.add(address);
            }
        }
        List<String> ipLimits = new ArrayList<>();
        for (String ip : ips) {
            ipLimits.addAll(KeyScan.all(sync, base + RedisKeys.RATE_LIMIT_IP + KeyScan.literal(ip) + ":*"));
        }
        return new Found(index, sessions,
                KeyScan.all(sync, base + RedisKeys.PROFILE + user + ":*"),
                KeyScan.all(sync, base + RedisKeys.RATE_LIMIT + user + ":*"), ipLimits);
    }

    /** The {@value #VALUE} field of each key, read pipelined (one round trip per page, each bounded). */
    private Map<String, String> values(List<String> page) {
        Map<String, RedisFuture<String>> reads = new LinkedHashMap<>();
        for (String key : page) {
            reads.put(key, async.hget(key, VALUE));
        }
        Map<String, String> out = new LinkedHashMap<>();
        reads.forEach((key, read) -> out.put(key, await(read)));
        return out;
    }

    private String await(RedisFuture<String> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.lettuce.core.RedisCommandInterruptedException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new io.lettuce.core.RedisException(e.getCause());
        } catch (TimeoutException e) {
            throw new io.lettuce.core.RedisCommandTimeoutException("HGET did not answer in time");
        }
    }

    /** A stored JSON object as plain maps and lists; anything else (not ours) as an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        try {
            Object value = JSON.readValue(json, Object.class);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;   // the revocation marker
        }
    }
}

package dev.teto.data.redis.internal;

import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.spi.SessionStore;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link SessionStore} on Redis: {@code SESSION:<id>} is a hash with the session as JSON in {@code value} (and the
 * lease fields, {@link LeaseScripts}); {@code USER_SESSIONS:<user>} is a sorted set of session ids scored by expiry
 * (epoch ms), trimmed of expired ids on every read and write, expiring itself with its last member.
 *
 * <p>The two keys sit in different cluster slots, so no script touches both: the index entry is written first, then
 * the session under its lease. {@link #removeAll} leaves a marker member {@value #REVOKED} in the index, scored
 * {@link #REVOKED_MARKER_TTL} after the revocation: a session loaded under a lease taken before it is then refused,
 * even if its index entry was not written yet when the index was read.
 */
final class RedisSessionStore implements SessionStore {
    static final String REVOKED = "~revoked";
    /** Longer than any lease: a lease taken before the revocation has expired when the marker goes. */
    static final Duration REVOKED_MARKER_TTL = Duration.ofMinutes(5);
    /** Cluster nodes' clocks may differ a little: leases taken this soon after a revocation are refused too. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);

    /**
     * KEYS[1] index; ARGV: session id, its expiry ms, now ms, lease start ms, clock margin ms, marker ttl ms.
     * Returns 1 when indexed, 0 when a revocation after the lease's start refuses it.
     */
    private static final Scripts INDEX_ADD = Scripts.of(ScriptOutputType.INTEGER,
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])",
            "local marker = redis.call('ZSCORE', KEYS[1], '" + REVOKED + "')",
            "if marker and tonumber(ARGV[4]) <= tonumber(marker) - tonumber(ARGV[6]) + tonumber(ARGV[5]) then return 0 end",
            "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])",
            "local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')",
            "redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', tonumber(last[2])))",
            "return 1");

    /** KEYS[1] index; ARGV: now ms. Trims, renews the key's expiry, returns the live members. */
    private static final Scripts INDEX_READ = Scripts.of(ScriptOutputType.MULTI,
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])",
            "local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')",
            "local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')",
            "if last[2] then redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', tonumber(last[2]))) end",
            "return ids");

    /** KEYS[1] index; ARGV: session id, now ms. */
    private static final Scripts INDEX_REMOVE = Scripts.of(ScriptOutputType.INTEGER,
            "redis.call('ZREM', KEYS[1], ARGV[1])",
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])",
            "local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')",
            "if last[2] then redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', tonumber(last[2]))) end",
            "return 1");

    /** KEYS[1] index; ARGV: marker ttl ms. Returns every member; leaves only the revocation marker. */
    private static final Scripts INDEX_REVOKE_ALL = Scripts.of(ScriptOutputType.MULTI,
            Scripts.NOW_MS,
            "local ids = redis.call('ZRANGE', KEYS[1], 0, -1)",
            "redis.call('DEL', KEYS[1])",
            "redis.call('ZADD', KEYS[1], string.format('%.0f', now + tonumber(ARGV[1])), '" + REVOKED + "')",
            "redis.call('PEXPIRE', KEYS[1], ARGV[1])",
            "return ids");

    private final RedisConnections redis;
    private final RedisKeys keys;

    RedisSessionStore(RedisConnections redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Optional<UserSession> get(UUID sessionId) {
        String json;
        try {
            json = redis.sync().hget(keys.session(sessionId), RedisCacheStore.VALUE);
        } catch (RuntimeException e) {
            throw RedisErrors.translate(e);
        }
        return json == null ? Optional.empty() : Optional.of(Json.read(json, UserSession.class));
    }

    @Override
    public Optional<String> lease(UUID sessionId, Duration ttl) {
        String token = LeaseScripts.LEASE.run(redis.sync(), new String[] {keys.session(sessionId)},
                LeaseScripts.randomPart(), LeaseScripts.millis(ttl), RedisCacheStore.VALUE);
        return token == null || token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public boolean putLeased(UserSession session, String token, Duration maxTtl) {
        return put(session, token, LeaseScripts.startOf(token), maxTtl);
    }

    /** Indexed, then stored under the lease, unless revoked at or after {@code sinceMs}. */
    private boolean put(UserSession session, String token, long sinceMs, Duration maxTtl) {
        Instant now = Instant.now();
        Duration untilExpiry = Duration.between(now, session.expiresAt());
        Duration ttl = untilExpiry.compareTo(maxTtl) < 0 ? untilExpiry : maxTtl;
        if (ttl.toMillis() < 1 || LeaseScripts.startOf(token) < 0) {
            return false;   // expired already: nothing to keep; or not a token of ours
        }
        if (!indexed(session, now, sinceMs)) {
            return false;
        }
        Long stored = LeaseScripts.PUT_LEASED.run(redis.sync(), new String[] {keys.session(session.id())},
                token, LeaseScripts.millis(ttl), RedisCacheStore.VALUE, Json.write(session));
        return stored != null && stored == 1L;
    }

    @Override
    public boolean putOpened(UserSession session, String token, Instant openedAt, Duration maxTtl) {
        return put(session, token, openedAt.toEpochMilli(), maxTtl);
    }

    /** The index entry, written before the session: refused (false) by a revocation at or after {@code sinceMs}. */
    private boolean indexed(UserSession session, Instant now, long sinceMs) {
        Long indexed = INDEX_ADD.run(redis.sync(), new String[] {keys.userSessions(session.userId())},
                session.id().toString(), Long.toString(session.expiresAt().toEpochMilli()),
                Long.toString(now.toEpochMilli()), Long.toString(sinceMs), LeaseScripts.millis(CLOCK_MARGIN),
                LeaseScripts.millis(REVOKED_MARKER_TTL));
        return indexed != null && indexed == 1L;
    }

    @Override
    public void remove(UUID userId, UUID sessionId) {
        try {
            redis.sync().del(keys.session(sessionId));
        } catch (RuntimeException e) {
            throw RedisErrors.translate(e);
        }
        INDEX_REMOVE.run(redis.sync(), new String[] {keys.userSessions(userId)}, sessionId.toString(),
                Long.toString(Instant.now().toEpochMilli()));
    }

    @Override
    public void removeAll(UUID userId) {
        List<Object> members = INDEX_REVOKE_ALL.run(redis.sync(), new String[] {keys.userSessions(userId)},
                LeaseScripts.millis(REVOKED_MARKER_TTL));
        List<String> sessions = new ArrayList<>();
        for (Object member : members == null ? List.of() : members) {
            UUID id = sessionId(member);
            if (id != null) {
                sessions.add(keys.session(id));
            }
        }
        if (!sessions.isEmpty()) {
            try {
                redis.sync().del(sessions.toArray(String[]::new));
            } catch (RuntimeException e) {
                throw RedisErrors.translate(e);
            }
        }
    }

    @Override
    public List<UUID> indexedSessionIds(UUID userId, Instant now) {
        List<Object> members = INDEX_READ.run(redis.sync(), new String[] {keys.userSessions(userId)},
                Long.toString(now.toEpochMilli()));
        List<UUID> ids = new ArrayList<>();
        for (Object member : members == null ? List.of() : members) {
            UUID id = sessionId(member);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static UUID sessionId(Object member) {
        String text = String.valueOf(member);
        if (text.equals(REVOKED)) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;   // not written by this module: ignore rather than fail every session check
        }
    }
}

package dev.teto.data.core.internal.cache;

import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.spi.SessionStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions cached in this process, with the same index and lease rules as the Redis store. */
public final class InProcessSessionStore implements SessionStore {
    /** Longer than any lease: a lease older than this can no longer store anything. */
    private static final Duration FORGET_REMOVALS_AFTER = Duration.ofMinutes(10);
    private static final int MAX_OPEN_LEASES = 10_000;
    private final InProcessCacheStore values;
    private final Clock clock;
    /** user id to (session id to expiry): the USER_SESSIONS index. */
    private final Map<UUID, Map<UUID, Instant>> index = new ConcurrentHashMap<>();
    /** When each lease was granted, and when each user's sessions were last all removed. */
    private final Map<String, Instant> leasedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> removedAllAt = new ConcurrentHashMap<>();

    public InProcessSessionStore(Clock clock) {
        this.clock = clock;
        this.values = new InProcessCacheStore(clock);
    }

    @Override
    public Optional<UserSession> get(UUID sessionId) {
        return values.get(CacheKeys.session(sessionId), UserSession.class).map(c -> c.value());
    }

    @Override
    public Optional<String> lease(UUID sessionId, Duration ttl) {
        Instant now = clock.instant();
        Optional<String> token = values.lease(CacheKeys.session(sessionId), ttl);
        if (leasedAt.size() > MAX_OPEN_LEASES) {
            // leases of sessions that were never found are never used: forget the old ones
            leasedAt.values().removeIf(at -> at.isBefore(now.minus(FORGET_REMOVALS_AFTER)));
        }
        token.ifPresent(t -> leasedAt.put(t, now));
        return token;
    }

    @Override
    public boolean putLeased(UserSession session, String token, Duration maxTtl) {
        Instant leased = leasedAt.remove(token);
        return leased != null && put(session, token, leased, maxTtl);
    }

    /** Indexed, then stored under the lease, unless all the user's sessions were removed at or after {@code since}. */
    private boolean put(UserSession session, String token, Instant since, Duration maxTtl) {
        Instant now = clock.instant();
        Instant removedAll = removedAllAt.get(session.userId());
        // A remove-all after that moment cannot have reached this session through the index: refuse.
        if (removedAll != null && !since.isAfter(removedAll)) {
            return false;
        }
        Duration ttl = Duration.between(now, session.expiresAt());
        if (ttl.isNegative() || ttl.isZero()) {
            return false;
        }
        ttl = ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
        Instant until = now.plus(ttl);
        // The index entry first: removeAll must reach every session that is cached.
        index.computeIfAbsent(session.userId(), k -> new ConcurrentHashMap<>()).put(session.id(), until);
        trim(session.userId(), now);
        return values.putLeased(CacheKeys.session(session.id()), token, session, ttl);
    }

    @Override
    public boolean putOpened(UserSession session, String token, Instant openedAt, Duration maxTtl) {
        return leasedAt.remove(token) != null && put(session, token, openedAt, maxTtl);
    }

    @Override
    public void remove(UUID userId, UUID sessionId) {
        values.invalidate(List.of(CacheKeys.session(sessionId)));
        index.computeIfPresent(userId, (k, ids) -> {
            ids.remove(sessionId);
            return ids.isEmpty() ? null : ids;
        });
    }

    @Override
    public void removeAll(UUID userId) {
        Instant now = clock.instant();
        removedAllAt.put(userId, now);
        removedAllAt.values().removeIf(at -> at.isBefore(now.minus(FORGET_REMOVALS_AFTER)));
        leasedAt.values().removeIf(at -> at.isBefore(now.minus(FORGET_REMOVALS_AFTER)));
        Map<UUID, Instant> ids = index.remove(userId);
        if (ids != null) {
            List<String> keys = new ArrayList<>();
            ids.keySet().forEach(id -> keys.add(CacheKeys.session(id)));
            values.invalidate(keys);
        }
    }

    @Override
    public List<UUID> indexedSessionIds(UUID userId, Instant now) {
        trim(userId, now);
        Map<UUID, Instant> ids = index.get(userId);
        return ids == null ? List.of() : List.copyOf(ids.keySet());
    }

    private void trim(UUID userId, Instant now) {
        index.computeIfPresent(userId, (k, ids) -> {
            ids.values().removeIf(expiry -> !expiry.isAfter(now));
            return ids.isEmpty() ? null : ids;
        });
    }
}

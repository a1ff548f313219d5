package dev.teto.data.core.internal.rules;

import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.core.internal.privacy.PersonalFields;
import dev.teto.data.core.internal.tx.Unit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.UserSessionRepository;
import dev.teto.data.api.spi.UserLiveness;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.core.internal.tx.Runner;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sessions: only a live user opens or refreshes one, and a deleted user's sessions never validate. */
public final class SessionRules extends PortCalls<UserSessionRepository> implements UserSessionRepository {

    private final CacheLayer cache;

    private final PersonalFields fields;

    public SessionRules(Runner runner, CacheLayer cache, PersonalFields fields) {
        super(runner, UserSessionRepository.class);
        this.cache = cache;
        this.fields = fields;
    }

    /** The user agent is sealed (it fingerprints a person); the IP address stays plain for abuse checks. */
    private NewUserSession seal(Unit unit, NewUserSession s) {
        return new NewUserSession(s.userId(), s.tokenHash(), s.refreshTokenHash(), s.ipAddress(),
                fields.seal(unit, s.userId(), s.userAgent()), s.expiresAt());
    }

    private UserSession open(Unit unit, UserSession s) {
        return withAgent(s, fields.open(unit, s.userId(), s.userAgent()));
    }

    private UserSession openAlone(UserSession s) {
        return withAgent(s, fields.openAlone(s.userId(), s.userAgent()));
    }

    private static UserSession withAgent(UserSession s, String agent) {
        return new UserSession(s.id(), s.userId(), s.tokenHash(), s.refreshTokenHash(), s.ipAddress(), agent,
                s.expiresAt(), s.createdAt(), s.revokedAt());
    }

    @Override
    public UserSession create(NewUserSession session) {
        Instant openedAt = Instant.now();
        return unit((unit, sessions) -> {
            Liveness.requireLive(unit, session.userId());
            UserSession created = sessions.create(seal(unit, session));
            unit.publish(Events.sessionOpened(created));
            unit.afterCommit(() -> cache.sessionOpened(created, openedAt, Instant.now()));
            return open(unit, created);
        });
    }

    @Override
    public Optional<UserSession> findById(UUID id) {
        return unit((unit, sessions) -> sessions.findById(id).map(s -> open(unit, s)));
    }

    @Override
    public Optional<UserSession> findByTokenHash(String tokenHash) {
        Check.lookupKey("tokenHash", tokenHash, 255);
        return unit((unit, sessions) -> sessions.findByTokenHash(tokenHash).map(s -> open(unit, s)));
    }

    /** Also checks the owner: rows written before soft delete revoked sessions must not validate either. */
    @Override
    public Optional<UserSession> findLiveByTokenHash(String tokenHash, Instant now) {
        Check.lookupKey("tokenHash", tokenHash, 255);
        return unit((unit, sessions) -> sessions.findByTokenHash(tokenHash)
                .filter(s -> s.isLive(now))
                .filter(s -> !unit.port(UserLiveness.class).liveAmong(Set.of(s.userId())).isEmpty())
                .map(s -> open(unit, s)));
    }

    /**
     * The request path: served by the session cache when it holds the session (no PostgreSQL call), else loaded
     * with the owner's liveness checked and cached until the session expires. Revocations and soft deletes remove
     * it right after their commit and again through the outbox.
     */
    @Override
    public Optional<UserSession> findLive(UUID sessionId, String tokenHash, Instant now) {
        Check.lookupKey("tokenHash", tokenHash, 255);
        return cache.session(sessionId, now, liveLoader(sessionId, now))
                .filter(s -> s.isLive(now))
                .filter(s -> MessageDigest.isEqual(s.tokenHash().getBytes(StandardCharsets.UTF_8),
                        tokenHash.getBytes(StandardCharsets.UTF_8)))
                .map(this::openAlone);
    }

    /** The session as stored, if it and its owner are live: what the session cache may hold. */
    private java.util.function.Supplier<Optional<UserSession>> liveLoader(UUID sessionId, Instant now) {
        return () -> unit((unit, sessions) -> sessions.findById(sessionId)
                .filter(s -> s.isLive(now))
                .filter(s -> !unit.port(UserLiveness.class).liveAmong(Set.of(s.userId())).isEmpty()));
    }

    @Override
    public Page<UserSession> listLive(UUID userId, PageRequest page) {
        return unit((unit, sessions) -> unit.port(UserLiveness.class).liveAmong(Set.of(userId)).isEmpty()
                ? new Page<>(List.of(), Optional.empty(), Optional.empty(),
                        page.includeTotal() ? java.util.OptionalLong.of(0) : java.util.OptionalLong.empty())
                : sessions.listLive(userId, page).map(s -> open(unit, s)));
    }

    @Override
    public UserSession update(UUID id, UserSessionUpdate update) {
        return unit((unit, sessions) -> {
            UserSession updated = sessions.update(id, update);
            Liveness.requireLive(unit, updated.userId());
            unit.publish(Events.sessionUpdated(updated));
            return open(unit, updated);
        });
    }

    @Override
    public void revoke(UUID id) {
        unit((unit, sessions) -> {
            Optional<UserSession> before = sessions.findById(id);
            sessions.revoke(id);
            before.filter(s -> s.revokedAt() == null)
                    .ifPresent(s -> unit.publish(Events.sessionRevoked(s.userId(), s.id(), 1)));
            return null;
        });
    }

    @Override
    public int revokeAll(UUID userId) {
        return unit((unit, sessions) -> {
            int revoked = sessions.revokeAll(userId);
            if (revoked > 0) {
                unit.publish(Events.sessionRevoked(userId, null, revoked));
            }
            return revoked;
        });
    }
}

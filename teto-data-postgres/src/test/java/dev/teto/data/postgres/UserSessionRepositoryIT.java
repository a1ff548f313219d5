package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.repository.UserSessionRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest
class UserSessionRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private UserSessionRepository sessions;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.sessions = data.sessions();
    }

    private static Instant inHours(long hours) {
        return Fixtures.nowMicros().plus(hours, ChronoUnit.HOURS);
    }

    private UserSession session(UUID userId, Instant expiresAt) {
        return sessions.create(new NewUserSession(userId, "tok-" + UUID.randomUUID(), null, null, null, expiresAt));
    }

    @Test
    void createRoundTripsEveryField() {
        User u = Fixtures.user(data);
        Instant expires = inHours(24);
        String token = "tok-" + UUID.randomUUID();
        UserSession s = sessions.create(new NewUserSession(u.id(), token, "refresh-" + token, "192.168.10.20", "JUnit/5", expires));

        assertNotNull(s.id());
        assertEquals(u.id(), s.userId());
        assertEquals(token, s.tokenHash());
        assertEquals("refresh-" + token, s.refreshTokenHash());
        assertEquals("192.168.10.20", s.ipAddress());
        assertEquals("JUnit/5", s.userAgent());
        assertEquals(expires, s.expiresAt());
        assertNotNull(s.createdAt());
        assertNull(s.revokedAt());
        assertTrue(s.isLive(Instant.now()));
        assertEquals(s, sessions.findById(s.id()).orElseThrow());
        assertFalse(s.toString().contains(token), "toString leaves the token hash out");
    }

    @Test
    void ipv6AddressRoundTrips() {
        User u = Fixtures.user(data);
        UserSession s = sessions.create(new NewUserSession(u.id(), "tok-" + UUID.randomUUID(), null, "2001:db8::1", null, inHours(1)));
        assertEquals("2001:db8::1", sessions.findById(s.id()).orElseThrow().ipAddress());
    }

    @Test
    void findByTokenHashFindsLiveAndDeadSessions() {
        User u = Fixtures.user(data);
        UserSession live = session(u.id(), inHours(1));
        UserSession expired = session(u.id(), inHours(-1));

        assertEquals(live.id(), sessions.findByTokenHash(live.tokenHash()).orElseThrow().id());
        assertEquals(expired.id(), sessions.findByTokenHash(expired.tokenHash()).orElseThrow().id());
        assertTrue(sessions.findByTokenHash("tok-" + UUID.randomUUID()).isEmpty());
        assertTrue(sessions.findById(UUID.randomUUID()).isEmpty());
    }

    @Test
    void listLiveSkipsRevokedAndExpiredNewestFirst() {
        User u = Fixtures.user(data);
        User other = Fixtures.user(data);
        UserSession older = session(u.id(), inHours(10));
        UserSession expired = session(u.id(), inHours(-1));
        UserSession revoked = session(u.id(), inHours(10));
        UserSession newer = session(u.id(), inHours(1));
        session(other.id(), inHours(10));
        sessions.revoke(revoked.id());

        List<UUID> live = sessions.listLive(u.id(), ALL).items().stream().map(UserSession::id).toList();
        assertEquals(List.of(newer.id(), older.id()), live, "live only, newest first");
        assertFalse(live.contains(expired.id()));
        assertTrue(sessions.listLive(UUID.randomUUID(), ALL).items().isEmpty());
    }

    @Test
    void updateRefreshesHashAndExpiry() {
        User u = Fixtures.user(data);
        UserSession s = session(u.id(), inHours(1));
        Instant later = inHours(48);

        UserSession refreshed = sessions.update(s.id(), new UserSessionUpdate("new-refresh", later));
        assertEquals("new-refresh", refreshed.refreshTokenHash());
        assertEquals(later, refreshed.expiresAt());
        assertEquals(s.tokenHash(), refreshed.tokenHash(), "the token hash stays");

        UserSession onlyExpiry = sessions.update(s.id(), new UserSessionUpdate(null, inHours(72)));
        assertEquals("new-refresh", onlyExpiry.refreshTokenHash(), "null leaves the refresh hash as it is");
        assertEquals(onlyExpiry, sessions.findById(s.id()).orElseThrow());

        assertThrows(NotFoundException.class, () -> sessions.update(UUID.randomUUID(), new UserSessionUpdate("x", later)));
    }

    @Test
    void revokeTwiceKeepsTheFirstTime() {
        User u = Fixtures.user(data);
        UserSession s = session(u.id(), inHours(1));
        sessions.revoke(s.id());
        Instant first = sessions.findById(s.id()).orElseThrow().revokedAt();
        assertNotNull(first);
        sessions.revoke(s.id());
        assertEquals(first, sessions.findById(s.id()).orElseThrow().revokedAt());
        assertFalse(sessions.findById(s.id()).orElseThrow().isLive(Instant.now()));
    }

    @Test
    void revokeAllRevokesOnlyLiveSessionsOfThatUser() {
        User u = Fixtures.user(data);
        User other = Fixtures.user(data);
        session(u.id(), inHours(1));
        session(u.id(), inHours(2));
        session(u.id(), inHours(-2));
        UserSession alreadyRevoked = session(u.id(), inHours(3));
        sessions.revoke(alreadyRevoked.id());
        Instant firstRevocation = sessions.findById(alreadyRevoked.id()).orElseThrow().revokedAt();
        UserSession othersSession = session(other.id(), inHours(1));

        assertEquals(2, sessions.revokeAll(u.id()));
        assertTrue(sessions.listLive(u.id(), ALL).items().isEmpty());
        assertEquals(firstRevocation, sessions.findById(alreadyRevoked.id()).orElseThrow().revokedAt());
        assertNull(sessions.findById(othersSession.id()).orElseThrow().revokedAt(), "other users keep their sessions");
        assertEquals(0, sessions.revokeAll(u.id()));
        assertEquals(0, db.count("SELECT count(*) FROM user_sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > now()", u.id()));
    }

    @Test
    void sessionOfUnknownUserIsNotFound() {
        Fixtures.assertUserGone(db, "user_sessions", () -> session(UUID.randomUUID(), inHours(1)));
    }

    @Test
    void aSoftDeletedUsersSessionsNeitherValidateNorChange() {
        User u = Fixtures.user(data);
        UserSession s = session(u.id(), inHours(5));
        assertEquals(s.id(), sessions.findLiveByTokenHash(s.tokenHash(), Instant.now()).orElseThrow().id());

        data.users().softDelete(u.id());

        assertTrue(sessions.findLiveByTokenHash(s.tokenHash(), Instant.now()).isEmpty());
        assertTrue(sessions.listLive(u.id(), ALL).items().isEmpty());
        assertNotNull(sessions.findById(s.id()).orElseThrow().revokedAt(), "the soft delete revoked it");
        Fixtures.assertUserGone(db, "user_sessions", () -> session(u.id(), inHours(1)));
        Instant before = sessions.findById(s.id()).orElseThrow().expiresAt();
        Fixtures.assertUserGone(db, "user_sessions", () -> sessions.update(s.id(), new UserSessionUpdate("r", inHours(90))));
        assertEquals(before, sessions.findById(s.id()).orElseThrow().expiresAt(), "the refused refresh changed nothing");
    }

    @Test
    void aSessionRowOfADeletedUserThatWasNotRevokedStillDoesNotValidate() {
        // e.g. written before soft delete revoked sessions: the owner check alone must hold
        User u = Fixtures.user(data);
        UserSession s = session(u.id(), inHours(5));
        db.execute("UPDATE users SET deleted_at = now() WHERE id = ?", u.id());
        assertNull(sessions.findById(s.id()).orElseThrow().revokedAt());
        assertTrue(sessions.findLiveByTokenHash(s.tokenHash(), Instant.now()).isEmpty());
    }
}

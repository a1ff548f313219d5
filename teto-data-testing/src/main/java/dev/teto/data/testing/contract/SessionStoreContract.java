package dev.teto.data.testing.contract;

import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.spi.SessionStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link SessionStore} must do, from its javadoc: sessions stored under a lease that still holds, until
 * they expire (at most the max TTL); a per-user index that never returns a dead id; removing one session or all of
 * a user's, cancelling leases, so that a session loaded before its revocation is never stored after it, even when
 * the revocation came before the load wrote its index entry. The in-process store and Redis run the same class.
 *
 * <p>A subclass returns the store from {@link #store()}; every test uses fresh random ids.
 */
public abstract class SessionStoreContract {
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration MAX_TTL = Duration.ofHours(24);

    protected abstract SessionStore store();

    private static UserSession session(UUID userId, Duration lifetime) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new UserSession(UUID.randomUUID(), userId, "token-hash-" + UUID.randomUUID(), null, "203.0.113.7",
                "Mozilla/5.0 (테스트)", now.plus(lifetime), now, null);
    }

    private boolean cache(UserSession session) {
        String token = store().lease(session.id(), LEASE).orElseThrow();
        return store().putLeased(session, token, MAX_TTL);
    }

    @Test
    void aMissIsEmpty() {
        assertTrue(store().get(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aSessionStoredUnderItsLeaseIsReadBackAndIndexed() {
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        assertTrue(cache(session));
        assertEquals(session, store().get(session.id()).orElseThrow());
        assertEquals(List.of(session.id()), store().indexedSessionIds(session.userId(), Instant.now()));
    }

    @Test
    void aNewSessionIsStoredAndIndexed() {
        Instant openedAt = Instant.now();
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        String token = store().lease(session.id(), LEASE).orElseThrow();
        assertTrue(store().putOpened(session, token, openedAt, MAX_TTL));
        assertEquals(session, store().get(session.id()).orElseThrow());
        assertEquals(List.of(session.id()), store().indexedSessionIds(session.userId(), Instant.now()));
        store().removeAll(session.userId());
        assertTrue(store().get(session.id()).isEmpty(), "removeAll must reach a new session through the index");
    }

    /**
     * A revoke-all that committed after the session's transaction began may have revoked it: refused even though
     * the lease was taken after the revocation (a loaded session's lease start would not catch that).
     */
    @Test
    void aRemovalOfAllSessionsSinceTheOpeningRefusesTheNewSession() {
        Instant openedAt = Instant.now();
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        store().removeAll(session.userId());
        String token = store().lease(session.id(), LEASE).orElseThrow();
        assertFalse(store().putOpened(session, token, openedAt, MAX_TTL));
        assertTrue(store().get(session.id()).isEmpty());
    }

    /** The removal lands between the index entry and the session: the cancelled lease stores nothing. */
    @Test
    void aNewSessionWhoseLeaseARemovalCancelledIsNotStored() {
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        String token = store().lease(session.id(), LEASE).orElseThrow();
        store().remove(session.userId(), session.id());
        assertFalse(store().putOpened(session, token, Instant.now(), MAX_TTL));
        assertTrue(store().get(session.id()).isEmpty());
    }

    @Test
    void aLeaseIsHeldByOneCallerAtATime() {
        UUID id = UUID.randomUUID();
        assertTrue(store().lease(id, LEASE).isPresent());
        assertTrue(store().lease(id, LEASE).isEmpty());
    }

    @Test
    void aForeignTokenStoresNothing() {
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        String token = store().lease(session.id(), LEASE).orElseThrow();
        assertFalse(store().putLeased(session, token + "0", MAX_TTL));
        assertTrue(store().get(session.id()).isEmpty());
    }

    @Test
    void removingASessionCancelsItsLease() {
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        String token = store().lease(session.id(), LEASE).orElseThrow();
        store().remove(session.userId(), session.id());          // the revocation commits while it loads
        assertFalse(store().putLeased(session, token, MAX_TTL));
        assertTrue(store().get(session.id()).isEmpty());
    }

    @Test
    void removingOneSessionLeavesTheOthers() {
        UUID user = UUID.randomUUID();
        UserSession gone = session(user, Duration.ofHours(1));
        UserSession kept = session(user, Duration.ofHours(2));
        assertTrue(cache(gone));
        assertTrue(cache(kept));
        store().remove(user, gone.id());
        assertTrue(store().get(gone.id()).isEmpty());
        assertEquals(kept, store().get(kept.id()).orElseThrow());
        assertEquals(List.of(kept.id()), store().indexedSessionIds(user, Instant.now()));
    }

    @Test
    void removeAllReachesEveryCachedSessionOfTheUser() {
        UUID user = UUID.randomUUID();
        List<UserSession> sessions = List.of(session(user, Duration.ofHours(1)), session(user, Duration.ofHours(2)),
                session(user, Duration.ofMinutes(5)));
        UserSession otherUsers = session(UUID.randomUUID(), Duration.ofHours(1));
        sessions.forEach(s -> assertTrue(cache(s)));
        assertTrue(cache(otherUsers));
        assertEquals(Set.copyOf(sessions.stream().map(UserSession::id).toList()),
                Set.copyOf(store().indexedSessionIds(user, Instant.now())));
        store().removeAll(user);
        for (UserSession s : sessions) {
            assertTrue(store().get(s.id()).isEmpty(), "a session survived removeAll");
        }
        assertEquals(List.of(), store().indexedSessionIds(user, Instant.now()));
        assertEquals(otherUsers, store().get(otherUsers.id()).orElseThrow());
    }

    @Test
    void removeAllRefusesALoadLeasedBeforeItEvenWithoutAnIndexEntryYet() {
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        String token = store().lease(session.id(), LEASE).orElseThrow();   // loader read PostgreSQL: still live
        store().removeAll(session.userId());                                // revoke-all commits, invalidates
        assertFalse(store().putLeased(session, token, MAX_TTL));
        assertTrue(store().get(session.id()).isEmpty());
        assertEquals(List.of(), store().indexedSessionIds(session.userId(), Instant.now()));
    }

    @Test
    void sessionsOfTheUserCanBeCachedAgainAfterRemoveAll() throws InterruptedException {
        UUID user = UUID.randomUUID();
        store().removeAll(user);
        Thread.sleep(1_100);   // leases taken in the same second as a revocation may be refused: stores' clocks differ
        UserSession fresh = session(user, Duration.ofHours(1));
        assertTrue(cache(fresh));
        assertEquals(fresh, store().get(fresh.id()).orElseThrow());
    }

    @Test
    void theIndexNeverReturnsAnExpiredId() {
        UUID user = UUID.randomUUID();
        UserSession shortLived = session(user, Duration.ofMinutes(1));
        UserSession longLived = session(user, Duration.ofHours(3));
        assertTrue(cache(shortLived));
        assertTrue(cache(longLived));
        assertEquals(List.of(longLived.id()), store().indexedSessionIds(user, Instant.now().plus(Duration.ofMinutes(2))));
        // trimmed, not only filtered: asking about an earlier moment does not bring it back
        assertEquals(List.of(longLived.id()), store().indexedSessionIds(user, Instant.now()));
    }

    @Test
    void anExpiredSessionIsNotStored() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserSession expired = new UserSession(UUID.randomUUID(), UUID.randomUUID(), "h", null, null, null,
                now.minusSeconds(1), now.minusSeconds(3600), null);
        String token = store().lease(expired.id(), LEASE).orElseThrow();
        assertFalse(store().putLeased(expired, token, MAX_TTL));
        assertTrue(store().get(expired.id()).isEmpty());
        assertEquals(List.of(), store().indexedSessionIds(expired.userId(), Instant.now()));
    }

    @Test
    void aCachedSessionGoesWhenTheSessionExpires() throws InterruptedException {
        UserSession session = session(UUID.randomUUID(), Duration.ofMillis(400));
        assertTrue(cache(session));
        assertTrue(CacheStoreContract.await(() -> store().get(session.id()).isEmpty(), Duration.ofSeconds(5)),
                "a session outlived its expiry in the cache");
        assertEquals(List.of(), store().indexedSessionIds(session.userId(), Instant.now()));
    }

    @Test
    void aCachedSessionLivesAtMostTheMaxTtl() throws InterruptedException {
        UserSession session = session(UUID.randomUUID(), Duration.ofHours(1));
        String token = store().lease(session.id(), LEASE).orElseThrow();
        assertTrue(store().putLeased(session, token, Duration.ofMillis(300)));
        assertTrue(CacheStoreContract.await(() -> store().get(session.id()).isEmpty(), Duration.ofSeconds(5)),
                "a session outlived the max TTL in the cache");
    }
}

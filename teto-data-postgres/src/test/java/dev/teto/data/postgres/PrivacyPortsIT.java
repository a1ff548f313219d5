package dev.teto.data.postgres;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.privacy.ErasureState;
import dev.teto.data.api.privacy.StoreReceipt;
import dev.teto.data.api.spi.AuditEntry;
import dev.teto.data.api.spi.AuditLog;
import dev.teto.data.api.spi.ErasureJob;
import dev.teto.data.api.spi.ErasureJobs;
import dev.teto.data.api.spi.UserKeyStore;
import dev.teto.data.api.spi.WrappedKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy ports as the adapter registers them: user_keys, audit_log, erasure_jobs. */
class PrivacyPortsIT {
    private static PrivacyStore pg;

    @BeforeAll
    static void open() {
        pg = new PrivacyStore("privacy_ports");
    }

    @AfterAll
    static void close() {
        pg.close();
    }

    private static boolean keyCall(java.util.function.Function<UserKeyStore, Boolean> call) {
        return pg.inTx(UserKeyStore.class, call);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void aUsersFirstKeyWinsAndLaterInsertsReturnIt() {
        UUID u = pg.user();
        WrappedKey first = new WrappedKey(u, "mk1", new byte[] {1, 2, 3}, now());
        WrappedKey stored = pg.inTx(UserKeyStore.class, keys -> keys.insertIfAbsent(first));
        assertArrayEquals(new byte[] {1, 2, 3}, stored.wrapped());
        WrappedKey second = pg.inTx(UserKeyStore.class, keys -> keys.insertIfAbsent(new WrappedKey(u, "mk2", new byte[] {9}, now())));
        assertEquals("mk1", second.masterKeyId(), "the stored key is returned, not the one offered");
        assertArrayEquals(new byte[] {1, 2, 3}, second.wrapped());
        assertEquals(first.createdAt(), pg.inTx(UserKeyStore.class, keys -> keys.find(u)).orElseThrow().createdAt());
    }

    @Test
    void rotationFindsOldKeysAndRewrapsOnlyWhatIsStillWrappedByTheExpectedKey() {
        UUID u = pg.user();
        pg.inTx(UserKeyStore.class, keys -> keys.insertIfAbsent(new WrappedKey(u, "old", new byte[] {1}, now())));
        List<WrappedKey> old = pg.inTx(UserKeyStore.class, keys -> keys.wrappedByOtherThan("new", 1000));
        assertTrue(old.stream().anyMatch(k -> k.userId().equals(u)));
        assertTrue(keyCall(keys -> keys.rewrap(new WrappedKey(u, "new", new byte[] {2}, now()), "old")));
        assertFalse(keyCall(keys -> keys.rewrap(new WrappedKey(u, "newer", new byte[] {3}, now()), "old")),
                "a second rotation expecting the old key loses");
        WrappedKey now = pg.inTx(UserKeyStore.class, keys -> keys.find(u)).orElseThrow();
        assertEquals("new", now.masterKeyId());
        assertArrayEquals(new byte[] {2}, now.wrapped());
        assertTrue(pg.inTx(UserKeyStore.class, keys -> keys.wrappedByOtherThan("new", 1000)).stream()
                .noneMatch(k -> k.userId().equals(u)));
    }

    @Test
    void aKeyIsDestroyedExplicitlyOrWithItsUser() {
        UUID u = pg.user();
        UUID v = pg.user();
        pg.inTx(UserKeyStore.class, keys -> keys.insertIfAbsent(new WrappedKey(u, "mk1", new byte[] {1}, now())));
        pg.inTx(UserKeyStore.class, keys -> keys.insertIfAbsent(new WrappedKey(v, "mk1", new byte[] {1}, now())));
        assertTrue(keyCall(keys -> keys.destroy(u)));
        assertFalse(keyCall(keys -> keys.destroy(u)));
        pg.db.execute("DELETE FROM users WHERE id = ?", v);
        assertTrue(pg.inTx(UserKeyStore.class, keys -> keys.find(v)).isEmpty(), "ON DELETE CASCADE");
    }

    @Test
    void aKeyForAMissingUserIsNotFound() {
        assertThrows(NotFoundException.class, () -> pg.inTx(UserKeyStore.class,
                keys -> keys.insertIfAbsent(new WrappedKey(UUID.randomUUID(), "mk1", new byte[] {1}, now()))));
    }

    @Test
    void auditEntriesAreAppendedWithTheApplicationName() {
        String ref = "p-" + UUID.randomUUID();
        Instant at = now();
        pg.inTx(AuditLog.class, log -> {
            log.append(List.of(
                    new AuditEntry(at, "service:test", "read", "user", ref, List.of("email", "name"), "10.0.0.9"),
                    new AuditEntry(at, "none", "update", "user", ref, List.of(), null),
                    new AuditEntry(at, "none", "export", "user", ref, null, null)));
            log.append(List.of());
            return null;
        });
        assertEquals(3, pg.db.count("SELECT count(*) FROM audit_log WHERE entity_ref = ?", ref));
        assertEquals(1, pg.db.count("SELECT count(*) FROM audit_log WHERE entity_ref = ? AND fields = '{email,name}' "
                + "AND origin = '10.0.0.9' AND actor = 'service:test' AND at = ?", ref, java.sql.Timestamp.from(at)));
        assertEquals(3, pg.db.count("SELECT count(*) FROM audit_log WHERE entity_ref = ? AND application = 'teto-data'", ref),
                "the pool's application name");
    }

    @Test
    void anErasureJobIsOpenedOnceRecordedPerStoreAndForgetsTheUserWhenComplete() {
        String subject = "s-" + UUID.randomUUID();
        UUID u = UUID.randomUUID();
        Instant at = now();
        List<StoreReceipt> initial = List.of(StoreReceipt.pending("postgres", at, "queued"),
                StoreReceipt.pending("mongo", at, "queued"));
        ErasureJob opened = pg.inTx(ErasureJobs.class, jobs -> jobs.open(subject, u, at, initial));
        assertEquals(initial, opened.stores());
        ErasureJob again = pg.inTx(ErasureJobs.class, jobs -> jobs.open(subject, UUID.randomUUID(), at.plusSeconds(5), List.of()));
        assertEquals(u, again.userId(), "the first job stands");
        assertEquals(initial, again.stores());

        StoreReceipt mongoDone = new StoreReceipt("mongo", ErasureState.DONE, 7, 1, at.plusSeconds(1), "deleted");
        StoreReceipt redisDone = new StoreReceipt("redis", ErasureState.DONE, 2, 0, at.plusSeconds(2), "");
        pg.inTx(ErasureJobs.class, jobs -> {
            jobs.record(subject, mongoDone);
            jobs.record(subject, redisDone);
            return null;
        });
        ErasureJob recorded = pg.inTx(ErasureJobs.class, jobs -> jobs.find(subject)).orElseThrow();
        assertEquals(List.of(initial.get(0), mongoDone, redisDone), recorded.stores(), "replaced in place, new store appended");
        assertTrue(pg.inTx(ErasureJobs.class, jobs -> jobs.pending(1000)).stream().anyMatch(j -> j.subject().equals(subject)));

        pg.inTx(ErasureJobs.class, jobs -> {
            jobs.complete(subject, at.plusSeconds(3));
            return null;
        });
        ErasureJob done = pg.inTx(ErasureJobs.class, jobs -> jobs.find(subject)).orElseThrow();
        assertNull(done.userId());
        assertEquals(at.plusSeconds(3), done.completedAt());
        assertTrue(pg.inTx(ErasureJobs.class, jobs -> jobs.pending(1000)).stream().noneMatch(j -> j.subject().equals(subject)));
        assertEquals(0, pg.db.count("SELECT count(*) FROM erasure_jobs WHERE subject = ? AND user_id IS NOT NULL", subject));
    }

    @Test
    void recordingOnAMissingJobIsNotFound() {
        StoreReceipt r = StoreReceipt.pending("mongo", now(), "");
        assertThrows(NotFoundException.class, () -> pg.inTx(ErasureJobs.class, jobs -> {
            jobs.record("missing-" + UUID.randomUUID(), r);
            return null;
        }));
        assertTrue(pg.inTx(ErasureJobs.class, jobs -> jobs.find("missing")).isEmpty());
    }
}

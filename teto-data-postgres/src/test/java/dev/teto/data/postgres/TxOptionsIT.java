package dev.teto.data.postgres;

import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.teto.data.postgres.Fixtures.email;
import static dev.teto.data.postgres.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-transaction read-only and isolation, and the misuse that must fail loudly rather than hang or lose data. */
@TetoDataTest
class TxOptionsIT {

    @Test
    void aReadOnlyTransactionRefusesWritesAndWritesNothing(TetoData data, TestDatabase db) {
        long before = db.count("users");
        TetoDataException e = assertThrows(TetoDataException.class, () -> data.inTransaction(TxOptions.READ_ONLY,
                tx -> tx.users().create(NewUser.of(email(), "Read Only"))));
        assertFalse(e.isTransient());
        assertEquals(before, db.count("users"));
        User u = user(data);
        assertEquals(u.id(), data.inTransaction(TxOptions.READ_ONLY, tx -> tx.users().findById(u.id()).orElseThrow().id()));
    }

    @Test
    void validatingASessionWorksInAReadOnlyTransaction(TetoData data) {
        User u = user(data);
        String hash = "ro-" + UUID.randomUUID();
        data.sessions().create(dev.teto.data.api.model.NewUserSession.of(u.id(), hash, java.time.Instant.now().plusSeconds(600)));
        Boolean live = data.inTransaction(TxOptions.READ_ONLY,
                tx -> tx.sessions().findLiveByTokenHash(hash, java.time.Instant.now()).isPresent());
        assertTrue(live);
        Integer listed = data.inTransaction(TxOptions.READ_ONLY,
                tx -> tx.sessions().listLive(u.id(), dev.teto.data.api.paging.PageRequest.first(5)).items().size());
        assertEquals(1, listed);
    }

    @Test
    void serializableTransactionsThatConflictFailWithARetryableSerializationFailure(TetoData data) throws Exception {
        User a = user(data);
        User b = user(data);
        TxOptions serializable = TxOptions.DEFAULT.withIsolation(TxOptions.Isolation.SERIALIZABLE);
        CountDownLatch bothRead = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (User[] pair : new User[][] {{a, b}, {b, a}}) {
                outcomes.add(pool.submit(() -> {
                    try {
                        data.inTransaction(serializable, tx -> {
                            String other = tx.users().findById(pair[1].id()).orElseThrow().name();
                            bothRead.countDown();
                            await(bothRead);
                            tx.users().update(pair[0].id(), UserUpdate.none().withName("saw " + other.length()));
                            return null;
                        });
                        return "committed";
                    } catch (TransientDataException e) {
                        return e.reason().name();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            assertTrue(results.contains("committed"), results.toString());
            assertTrue(results.contains("SERIALIZATION_FAILURE"), results.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRepositoryKeptAfterItsTransactionEndedSaysSo(TetoData data) {
        AtomicReference<UserRepository> escaped = new AtomicReference<>();
        data.useTransaction(tx -> escaped.set(tx.users()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> escaped.get().findById(UUID.randomUUID()));
        assertTrue(e.getMessage().contains("ended"), e.getMessage());
    }

    @Test
    void aTransactionUsedFromAnotherThreadSaysSo(TetoData data) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            IllegalStateException e = data.inTransaction(tx -> {
                try {
                    return other.submit(() -> assertThrows(IllegalStateException.class,
                            () -> tx.users().findById(UUID.randomUUID()))).get(10, TimeUnit.SECONDS);
                } catch (Exception failure) {
                    throw new IllegalStateException(failure);
                }
            });
            assertTrue(e.getMessage().contains("one thread"), e.getMessage());
        } finally {
            other.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

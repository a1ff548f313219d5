package dev.teto.data.core;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.core.fake.CounterRepository;
import dev.teto.data.core.fake.MemoryOptions;
import dev.teto.data.core.fake.MemoryStoreProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Core's transaction rules over an in-memory transactional store (the PostgreSQL adapter's ITs prove the same on a
 * real server): savepoints per call, after-commit actions, the outbox, actors, and fail-fast misuse.
 */
class TransactionRulesTest {
    private TetoData data;

    @BeforeEach
    void open() {
        MemoryStoreProvider.reset();
        data = TetoData.builder().with(new MemoryOptions()).build();
    }

    @AfterEach
    void close() {
        data.close();
    }

    private CounterRepository counters() {
        return data.get(CounterRepository.class);
    }

    @Test
    void aCaughtFailureUndoesOnlyItsOwnCallAndTheRestCommits() {
        counters().create("taken");
        data.useTransaction(tx -> {
            CounterRepository c = tx.get(CounterRepository.class);
            c.create("first");
            c.increment("first");
            assertThrows(DuplicateException.class, () -> c.create("taken"));
            c.increment("first");
        });
        assertEquals(2L, counters().value("first"));
    }

    @Test
    void catchAndReturnStillCommitsTheEarlierWrites() {
        counters().create("taken");
        String outcome = data.inTransaction(tx -> {
            tx.get(CounterRepository.class).create("kept");
            try {
                tx.get(CounterRepository.class).create("taken");
                return "created";
            } catch (DuplicateException e) {
                return "duplicate";
            }
        });
        assertEquals("duplicate", outcome);
        assertTrue(MemoryStoreProvider.COMMITTED.containsKey("kept"));
    }

    @Test
    void aRollbackPublishesNothingAndRunsNoAfterCommitAction() {
        List<String> ran = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> {
            tx.get(CounterRepository.class).create("x");
            tx.publish(DomainEvent.of("host.thing", 1, "thing", UUID.randomUUID(), Map.of("k", 1)));
            tx.afterCommit(() -> ran.add("after"));
            throw new IllegalStateException("host bug");
        }));
        assertEquals(List.of(), ran);
        assertEquals(List.of(), MemoryStoreProvider.OUTBOX);
        assertTrue(MemoryStoreProvider.COMMITTED.isEmpty());
    }

    @Test
    void aCommitWritesTheEventsAndThenRunsTheActions() {
        List<String> ran = new ArrayList<>();
        data.as(Actor.service("billing", "writer")).useTransaction(tx -> {
            tx.publish(DomainEvent.of("host.thing", 1, "thing", UUID.randomUUID(), Map.of("k", 1)));
            tx.afterCommit(() -> ran.add("after:" + MemoryStoreProvider.OUTBOX.size()));
        });
        assertEquals(List.of("after:1"), ran);
        assertEquals("service:billing", MemoryStoreProvider.OUTBOX.get(0).actor());
    }

    @Test
    void anEventUndoneWithItsCallIsNotPublished() {
        counters().create("taken");
        data.useTransaction(tx -> {
            try {
                tx.get(CounterRepository.class).create("taken");
            } catch (DuplicateException expected) {
                // the call's savepoint is rolled back
            }
            tx.publish(DomainEvent.of("kept", 1, "thing", UUID.randomUUID(), Map.of()));
        });
        assertEquals(1, MemoryStoreProvider.OUTBOX.size());
    }

    @Test
    void aFacadeCallInsideTheCallbackFailsFastInsteadOfWaiting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> data.useTransaction(tx -> counters().increment("k")));
        assertTrue(e.getMessage().contains("use the tx"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> data.useTransaction(inner -> { })));
    }

    @Test
    void aRepositoryThatEscapedItsTransactionSaysSo() {
        AtomicReference<CounterRepository> escaped = new AtomicReference<>();
        data.useTransaction(tx -> escaped.set(tx.get(CounterRepository.class)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> escaped.get().increment("k"));
        assertTrue(e.getMessage().contains("ended"), e.getMessage());
    }

    @Test
    void everyTransactionOfAViewRunsForItsActor() {
        UUID user = UUID.randomUUID();
        data.as(Actor.user(user)).get(CounterRepository.class).increment("k");
        data.get(CounterRepository.class).increment("k");
        assertEquals(Actor.user(user), MemoryStoreProvider.BEGUN_FOR.get(0));
        assertEquals(Actor.NONE, MemoryStoreProvider.BEGUN_FOR.get(1));
    }

    @Test
    void aHostEventWithANonJsonPayloadIsRefusedAtPublish() {
        ValidationException e = assertThrows(ValidationException.class, () -> data.useTransaction(tx ->
                tx.publish(DomainEvent.of("t", 1, "a", UUID.randomUUID(), Map.of("when", new Object())))));
        assertEquals("event.payload.when", e.field());
        ValidationException nul = assertThrows(ValidationException.class, () -> data.useTransaction(tx ->
                tx.publish(DomainEvent.of("t", 1, "a", UUID.randomUUID(), Map.of("k", "a\u0000b")))));
        assertEquals("event.payload.k", nul.field());
        assertEquals(List.of(), MemoryStoreProvider.OUTBOX);
    }

    @Test
    void afterCloseEveryCallSaysTheObjectIsClosed() {
        CounterRepository kept = counters();
        data.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.increment("k"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> data.inTransaction(tx -> 1));
    }
}

package dev.teto.data.testing.contract;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventDispatcher;
import dev.teto.data.api.event.EventHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every {@link EventDispatcher} must do, written against the api alone: the in-process dispatcher runs it
 * today, the Kafka transport will run the same class. A subclass gives each test fresh storage and opens the
 * library on it through {@link #open}.
 */
public abstract class EventDispatcherContract {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** An opened library and its dispatcher; closing stops both. */
    public record Opened(TetoOperations data, EventDispatcher dispatcher, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /**
     * Opens the library on this test's storage with these handlers, in registration order. Called twice in a test
     * that restarts; both see the same storage.
     *
     * @param deliver false: events must stay undelivered (no background delivery) until a later open
     */
    protected abstract Opened open(Map<String, EventHandler> handlers, boolean deliver);

    /** The fixture's attempts before parking; at least 3. Its backoff should be milliseconds, not seconds. */
    protected abstract int maxAttempts();

    private static DomainEvent event(UUID aggregate, int seq) {
        return DomainEvent.of("contract.tick", 1, "contract", aggregate, Map.of("seq", seq));
    }

    private static void publish(TetoOperations data, DomainEvent event) {
        data.useTransaction(tx -> tx.publish(event));
    }

    @Test
    void aHandlerThatThrowsTwiceTakesEffectOnceAndOthersAreNotCalledAgain() throws Exception {
        Map<UUID, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
        Map<UUID, AtomicInteger> flakyEffects = new ConcurrentHashMap<>();
        Map<UUID, AtomicInteger> steadyCalls = new ConcurrentHashMap<>();
        UUID aggregate = UUID.randomUUID();
        DomainEvent tricky = event(aggregate, 1);
        Map<String, EventHandler> handlers = new java.util.LinkedHashMap<>();
        handlers.put("steady", e -> steadyCalls.computeIfAbsent(e.id(), k -> new AtomicInteger()).incrementAndGet());
        handlers.put("flaky", e -> {
            int call = flakyCalls.computeIfAbsent(e.id(), k -> new AtomicInteger()).incrementAndGet();
            if (e.id().equals(tricky.id()) && call <= 2) {
                throw new IllegalStateException("transient failure " + call);
            }
            flakyEffects.computeIfAbsent(e.id(), k -> new AtomicInteger()).incrementAndGet();
        });
        try (Opened opened = open(handlers, true)) {
            publish(opened.data(), tricky);
            DomainEvent after = event(aggregate, 2);
            publish(opened.data(), after);
            await(() -> flakyEffects.containsKey(after.id()));
            assertEquals(3, flakyCalls.get(tricky.id()).get());
            assertEquals(1, flakyEffects.get(tricky.id()).get());
            assertEquals(1, steadyCalls.get(tricky.id()).get(), "a handler that succeeded is not called again");
            assertEquals(1, steadyCalls.get(after.id()).get());
            assertEquals(1, flakyEffects.get(after.id()).get());
        }
    }

    @Test
    void eachAggregateIsDeliveredInCommitOrderWithEightConcurrentWriters() throws Exception {
        int writers = 8;
        int aggregates = 4;
        int perWriter = 40;
        Map<UUID, List<Integer>> seen = new ConcurrentHashMap<>();
        EventHandler recorder = e -> seen.computeIfAbsent(e.aggregateId(), k -> Collections.synchronizedList(new ArrayList<>()))
                .add(((Number) e.payload().get("seq")).intValue());
        List<UUID> ids = new ArrayList<>();
        Map<UUID, int[]> next = new HashMap<>();
        for (int i = 0; i < aggregates; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            next.put(id, new int[] {0});
        }
        try (Opened opened = open(Map.of("recorder", recorder), true)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perWriter; i++) {
                            UUID aggregate = ids.get((writer + i) % aggregates);
                            int[] counter = next.get(aggregate);
                            // One writer at a time per aggregate, so "commit order" is well defined for the check.
                            synchronized (counter) {
                                publish(opened.data(), event(aggregate, ++counter[0]));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            int total = writers * perWriter;
            await(() -> seen.values().stream().mapToInt(List::size).sum() >= total);
            for (UUID aggregate : ids) {
                List<Integer> order = new ArrayList<>(seen.get(aggregate));
                for (int i = 0; i < order.size(); i++) {
                    assertEquals(i + 1, order.get(i), "aggregate " + aggregate + " delivered out of order: " + order);
                }
            }
            assertEquals(total, seen.values().stream().mapToInt(List::size).sum(), "no event delivered twice");
        }
    }

    @Test
    void aBacklogWaitsForARestartAndDrainsOnceInOrder() throws Exception {
        UUID aggregate = UUID.randomUUID();
        List<Integer> firstRun = new CopyOnWriteArrayList<>();
        try (Opened opened = open(Map.of("recorder", e -> firstRun.add(seq(e))), false)) {
            for (int i = 1; i <= 30; i++) {
                publish(opened.data(), event(aggregate, i));
            }
        }
        assertEquals(List.of(), firstRun, "nothing is delivered while delivery is off");
        List<Integer> secondRun = new CopyOnWriteArrayList<>();
        try (Opened opened = open(Map.of("recorder", e -> secondRun.add(seq(e))), true)) {
            await(() -> secondRun.size() >= 30);
            opened.dispatcher().drain();
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                expected.add(i);
            }
            assertEquals(expected, secondRun);
        }
    }

    @Test
    void aRollbackPublishesNothing() throws Exception {
        List<UUID> delivered = new CopyOnWriteArrayList<>();
        try (Opened opened = open(Map.of("recorder", e -> delivered.add(e.id())), true)) {
            DomainEvent lost = event(UUID.randomUUID(), 1);
            try {
                opened.data().useTransaction(tx -> {
                    tx.publish(lost);
                    throw new IllegalStateException("roll back");
                });
                fail("the transaction should have thrown");
            } catch (IllegalStateException expected) {
                // rolled back
            }
            DomainEvent kept = event(UUID.randomUUID(), 1);
            publish(opened.data(), kept);
            await(() -> delivered.contains(kept.id()));
            opened.dispatcher().drain();
            assertEquals(List.of(kept.id()), delivered);
        }
    }

    @Test
    void anEventThatKeepsFailingIsParkedWithoutHoldingUpOtherAggregates() throws Exception {
        UUID poisoned = UUID.randomUUID();
        UUID healthy = UUID.randomUUID();
        DomainEvent poison = event(poisoned, 1);
        List<Integer> poisonedLater = new CopyOnWriteArrayList<>();
        List<Integer> healthySeen = new CopyOnWriteArrayList<>();
        AtomicInteger poisonCalls = new AtomicInteger();
        EventHandler handler = e -> {
            if (e.id().equals(poison.id())) {
                poisonCalls.incrementAndGet();
                throw new IllegalArgumentException("never works");
            }
            (e.aggregateId().equals(poisoned) ? poisonedLater : healthySeen).add(seq(e));
        };
        try (Opened opened = open(Map.of("only", handler), true)) {
            publish(opened.data(), poison);
            publish(opened.data(), event(poisoned, 2));
            for (int i = 1; i <= 5; i++) {
                publish(opened.data(), event(healthy, i));
            }
            await(() -> healthySeen.size() == 5);
            await(() -> poisonedLater.size() == 1);
            assertEquals(maxAttempts(), poisonCalls.get(), "tried maxAttempts times, then parked");
            assertEquals(List.of(2), poisonedLater);
            assertEquals(List.of(1, 2, 3, 4, 5), healthySeen);
        }
    }

    private static int seq(DomainEvent e) {
        return ((Number) e.payload().get("seq")).intValue();
    }

    /** Polls {@code condition} until it holds or {@link #WAIT} passes. */
    protected static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}

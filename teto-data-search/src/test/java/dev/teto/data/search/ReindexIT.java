package dev.teto.data.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.search.DriftReport;
import dev.teto.data.api.search.ProgressListener;
import dev.teto.data.api.search.ReindexReport;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.Versioned;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reindex while 8 writers update users (the projection running in another TetoData than the reindex, as in another
 * process), and reconcile after drift injected behind the library's back.
 */
@TetoDataTest(stores = {TestStore.POSTGRES, TestStore.SEARCH})
class ReindexIT {
    private static final int WRITERS = 8;
    private static final int USERS_PER_WRITER = 15;

    /** The writers' instance: it delivers the events, so its projection writes. */
    private static TetoData data;
    /** Another instance, as another process would be: it runs the reindex and delivers nothing. */
    private static TetoData admin;
    private static TestSearch search;
    private static TestDatabase database;

    /** A name as user_search holds it: keyed word tokens, never the name. */
    private static String indexed(String name) {
        return SearchTestSupport.indexedName(database, name);
    }

    @BeforeAll
    static void open(TestDatabase db, TestSearch testSearch) {
        search = testSearch;
        database = db;
        // no wait_for here: 8 writers outpace a projection that waits for each refresh, and fetch reads in real time
        Map<String, String> noWait = Map.of("search.projection-refresh", "none");
        data = SearchTestSupport.running(db, search, noWait);
        Map<String, String> settings = SearchTestSupport.settings(db, search);
        settings.putAll(noWait);
        admin = TetoData.builder().configure(settings)
                .dispatcher(dev.teto.data.core.DispatcherOptions.builder().enabled(false).build()).build();
    }

    @AfterAll
    static void close() {
        admin.close();
        data.close();
    }

    @Test
    void aReindexWithEightConcurrentWritersLosesNoneOfTheirUpdates() throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < WRITERS * USERS_PER_WRITER; i++) {
            users.add(data.users().create(NewUser.of("reindex" + i + "@example.com", "Reindex Start " + i)));
        }
        Map<UUID, String> lastName = new ConcurrentHashMap<>();
        users.forEach(u -> lastName.put(u.id(), u.name()));
        awaitIndexed(lastName);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger updates = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<User> mine = users.subList(w * USERS_PER_WRITER, (w + 1) * USERS_PER_WRITER);
            int writer = w;
            writers.add(pool.submit(() -> {
                int round = 0;
                while (!stop.get()) {
                    for (User u : mine) {
                        String name = "Writer" + writer + " Round" + round + " " + u.id().toString().substring(0, 8);
                        try {
                            data.users().update(u.id(), UserUpdate.none().withName(name));
                            lastName.put(u.id(), name);
                            updates.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    }
                    round++;
                }
            }));
        }
        Thread.sleep(300);
        List<String> phases = new CopyOnWriteArrayList<>();
        ProgressListener progress = (phase, done, total) -> {
            phases.add(phase + ":" + done);
            if (phase.equals("swap") && done == 0) {
                // Writers stop only now, just before the alias swap: every update they made while the new index
                // was filled must already be in it through the dual writes, or it is lost.
                stop.set(true);
                for (Future<?> f : writers) {
                    try {
                        f.get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                try {
                    awaitIndexed(lastName);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        // The reindex runs in another instance than the writers' projection: the writes reach the new index only if
        // the writers' instance learns of the rebuild from Elasticsearch (the marker alias).
        ReindexReport report = admin.get(SearchAdmin.class).reindex(SearchIndex.USER_SEARCH, progress);
        pool.shutdownNow();
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(updates.get() > users.size(), "writers ran during the reindex: " + updates.get());
        assertEquals(search.indexPrefix() + "user_search_v2", report.toIndex());
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("copy")), phases.toString());

        JsonNode alias = EsHttp.call(search.url(), "GET", "/_alias/" + search.indexPrefix() + "user_search", null);
        assertEquals(List.of(search.indexPrefix() + "user_search_v2"), iterable(alias));
        // straight after the swap, with nothing written since: the new index holds every last update
        Map<String, Versioned<UserDocument>> indexed = data.get(UserIndex.class)
                .fetch(lastName.keySet().stream().map(UUID::toString).toList());
        for (Map.Entry<UUID, String> e : lastName.entrySet()) {
            assertEquals(indexed(e.getValue()), indexed.get(e.getKey().toString()).document().name(), "user " + e.getKey());
        }
        assertTrue(data.get(SearchAdmin.class).reconcile(SearchIndex.USER_SEARCH, ProgressListener.NONE).inSync());
    }

    @Test
    void reconcileFindsAndRepairsInjectedDrift() throws Exception {
        User missing = data.users().create(NewUser.of("drift-missing@example.com", "Drift Missing"));
        User stale = data.users().create(NewUser.of("drift-stale@example.com", "Drift Stale"));
        User deleted = data.users().create(NewUser.of("drift-deleted@example.com", "Drift Deleted"));
        awaitIndexed(Map.of(missing.id(), missing.name(), stale.id(), stale.name(), deleted.id(), deleted.name()));
        SearchAdmin admin = data.get(SearchAdmin.class);
        admin.reconcile(SearchIndex.USER_SEARCH, ProgressListener.NONE); // whatever other tests left, repaired

        String alias = "/" + search.indexPrefix() + "user_search";
        EsHttp.call(search.url(), "DELETE", alias + "/_doc/" + missing.id() + "?refresh=true", null);
        EsHttp.call(search.url(), "POST", alias + "/_update/" + stale.id() + "?refresh=true", "{\"doc\":{\"name\":\"Tampered\"}}");
        UUID ghost = UUID.randomUUID();
        EsHttp.call(search.url(), "PUT", alias + "/_doc/" + ghost + "?refresh=true",
                "{\"user_id\":\"" + ghost + "\",\"name\":\"Ghost\"}");
        // a user soft-deleted in PostgreSQL whose document someone wrote back into the index
        data.users().softDelete(deleted.id());
        SearchTestSupport.await("the delete reached the index", Duration.ofSeconds(30),
                () -> data.get(UserIndex.class).fetch(List.of(deleted.id().toString())).isEmpty());
        EsHttp.call(search.url(), "PUT", alias + "/_doc/" + deleted.id() + "?refresh=true",
                "{\"user_id\":\"" + deleted.id() + "\",\"name\":\"Drift Deleted\"}");

        List<String> phases = new CopyOnWriteArrayList<>();
        DriftReport drift = admin.reconcile(SearchIndex.USER_SEARCH, (phase, done, total) -> phases.add(phase));
        assertEquals(List.of(missing.id().toString()), drift.missingIds());
        assertEquals(List.of(stale.id().toString()), drift.staleIds());
        assertEquals(List.of(ghost.toString(), deleted.id().toString()).stream().sorted().toList(),
                drift.extraIds().stream().sorted().toList());
        assertEquals(4, drift.repaired());
        assertTrue(phases.containsAll(List.of("scan-source", "scan-index", "repair")), phases.toString());

        assertTrue(admin.reconcile(SearchIndex.USER_SEARCH, ProgressListener.NONE).inSync());
        Map<String, Versioned<UserDocument>> now = data.get(UserIndex.class)
                .fetch(List.of(missing.id().toString(), stale.id().toString(), ghost.toString(), deleted.id().toString()));
        assertEquals(indexed("Drift Missing"), now.get(missing.id().toString()).document().name());
        assertEquals(indexed("Drift Stale"), now.get(stale.id().toString()).document().name());
        assertEquals(2, now.size());
    }

    @Test
    void reconcileNeverUndoesAnUpdateMadeAfterItReadTheSource() throws Exception {
        User user = data.users().create(NewUser.of("drift-race@example.com", "Race Before"));
        User joined = data.users().create(NewUser.of("drift-joined@example.com", "Race Joined Placeholder"));
        awaitIndexed(Map.of(user.id(), user.name(), joined.id(), joined.name()));
        SearchAdmin admin = data.get(SearchAdmin.class);
        admin.reconcile(SearchIndex.USER_SEARCH, ProgressListener.NONE);
        AtomicBoolean once = new AtomicBoolean();
        DriftReport drift = admin.reconcile(SearchIndex.USER_SEARCH, (phase, done, total) -> {
            if (phase.equals("scan-source") && once.compareAndSet(false, true)) {
                // after the source was read, before the index is: a live update lands in the index
                data.users().update(user.id(), UserUpdate.none().withName("Race After"));
                try {
                    awaitIndexed(Map.of(user.id(), "Race After"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertTrue(drift.inSync(), drift.toString());
        assertEquals(indexed("Race After"), data.get(UserIndex.class).fetch(List.of(user.id().toString()))
                .get(user.id().toString()).document().name());
    }

    private static void awaitIndexed(Map<UUID, String> names) throws InterruptedException {
        List<String> ids = names.keySet().stream().map(UUID::toString).toList();
        SearchTestSupport.await("every user's last name is indexed", Duration.ofSeconds(120), () -> {
            Map<String, Versioned<UserDocument>> indexed = data.get(UserIndex.class).fetch(ids);
            return names.entrySet().stream().allMatch(e -> indexed.containsKey(e.getKey().toString())
                    && indexed(e.getValue()).equals(indexed.get(e.getKey().toString()).document().name()));
        });
    }

    private static List<String> iterable(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}

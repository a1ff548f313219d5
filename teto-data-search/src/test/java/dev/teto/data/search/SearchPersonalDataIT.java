package dev.teto.data.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.search.AnalyticsEvent;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.Versioned;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search store's export and erasure, against the test server, read back behind the library's back. */
class SearchPersonalDataIT {
    private static final String MARKER = "Zqxvmarker";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void exportFindsOnlyTheUsersDocumentsAndEraseLeavesNoTraceOfThem() throws Exception {
        TestSearch search = track(TestSearch.create("privacy"));
        Opened store = open(search, Map.of());
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        store.get(UserIndex.class).upsertAll(List.of(user(alice, MARKER + " Alice", 5), user(bob, "Bob Other", 5)));
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(AnalyticsEvent.of("page_view", alice, NOW, Map.of("note", MARKER + " was here")));
        }
        events.add(AnalyticsEvent.of("page_view", bob, NOW, Map.of("note", "bob")));
        events.add(AnalyticsEvent.of("page_view", null, NOW, Map.of()));
        assertFalse(store.get(AnalyticsEvents.class).recordAll(events, Refresh.WAIT_FOR).hasFailures());
        store.get(ContentIndex.class).upsertAll(List.of(new Versioned<>("post-1", 1, new ContentDocument("post-1",
                "A post", "someone's text", List.of(), List.of("TETO"), "community", null, 1.0, NOW))));

        Map<String, Object> export = store.personalData.export(alice);
        assertEquals(List.of("user_search", "analytics_events"), List.copyOf(export.keySet()));
        List<?> userDocs = (List<?>) export.get("user_search");
        assertEquals(1, userDocs.size());
        assertEquals(MARKER + " Alice", ((Map<?, ?>) userDocs.get(0)).get("name"));
        List<?> aliceEvents = (List<?>) export.get("analytics_events");
        assertEquals(3, aliceEvents.size());
        aliceEvents.forEach(e -> assertEquals(alice.toString(), ((Map<?, ?>) e).get("user_id")));

        StoreErasure erased = store.personalData.erase(alice);
        assertEquals(4, erased.removed());
        String everything = scanAll(search);
        assertFalse(everything.contains(alice.toString()), "the user id is gone from every index");
        assertFalse(everything.contains(MARKER), "the planted name is gone from every index");
        assertTrue(everything.contains(bob.toString()) && everything.contains("someone's text"), "others' documents remain");
        assertEquals(3, occurrences(everything, bob.toString()), "bob's user document and event remain (id twice in the doc)");

        assertEquals(0, store.personalData.erase(alice).removed(), "a second erasure removes nothing");
        assertEquals(1, store.get(UserIndex.class).upsertAll(List.of(user(alice, MARKER, 6))).skipped(),
                "a late projection write of an earlier state does not re-add the user");
        assertFalse(scanAll(search).contains(MARKER));
        Map<String, Object> after = store.personalData.export(alice);
        assertEquals(List.of(), after.get("user_search"));
        assertEquals(List.of(), after.get("analytics_events"));
    }

    @Test
    void unreachableNodeIsTransient() throws Exception {
        TestSearch search = track(TestSearch.create("privacydown"));
        Assumptions.assumeTrue(search.server().restartable(),
                "needs the embedded node: an external server or a container is not stopped by tests");
        Opened store = open(search, Map.of("socket-timeout", "PT3S"));
        UUID someone = UUID.randomUUID();
        search.stopServer();
        try {
            long started = System.nanoTime();
            assertThrows(TransientDataException.class, () -> store.personalData.erase(someone));
            assertThrows(TransientDataException.class, () -> store.personalData.export(someone));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(20)) < 0);
        } finally {
            search.startServer();
        }
    }

    private static Versioned<UserDocument> user(UUID id, String name, long version) {
        return new Versioned<>(id.toString(), version, new UserDocument(id, name, id + "@example.com", "TETO", NOW,
                NOW, "free", null));
    }

    /** Every document of every index of the test's prefix, as JSON text. */
    private static String scanAll(TestSearch search) throws Exception {
        EsHttp.call(search.url(), "POST", "/" + search.indexPrefix() + "*/_refresh", null);
        JsonNode hits = EsHttp.call(search.url(), "POST", "/" + search.indexPrefix() + "*/_search?size=10000",
                "{\"query\":{\"match_all\":{}}}").path("hits").path("hits");
        StringBuilder all = new StringBuilder();
        hits.forEach(h -> all.append(h.path("_source").toString()).append('\n'));
        return all.toString();
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(0, closeable);
        return closeable;
    }

    /** Opens the store through its provider, as the builder does, keeping what it registers. */
    private Opened open(TestSearch search, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        search.settings().forEach((k, v) -> settings.put(k.substring("search.".length()), v));
        settings.putAll(overrides);
        SearchStoreProvider provider = new SearchStoreProvider();
        Opened registry = new Opened();
        track(provider.open(provider.optionsFrom(settings), registry));
        return registry;
    }

    /** A registry that keeps what the provider registers. */
    static final class Opened implements CapabilityRegistry {
        final Map<Class<?>, Object> capabilities = new HashMap<>();
        PersonalDataStore personalData;

        <T> T get(Class<T> type) {
            return type.cast(capabilities.get(type));
        }

        @Override
        public <T> void register(Class<T> type, T implementation) {
            capabilities.put(type, implementation);
        }

        @Override
        public void transactional(TransactionalStore store, Class<?>... types) {
            throw new UnsupportedOperationException("search is not transactional");
        }

        @Override
        public void health(HealthIndicator indicator) {
        }

        @Override
        public void personalData(PersonalDataStore store) {
            assertEquals(null, personalData, "one PersonalDataStore per store");
            assertEquals("search", store.store());
            personalData = store;
        }
    }
}

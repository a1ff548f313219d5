package dev.teto.data.search;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.ContentHit;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.ContentQuery;
import dev.teto.data.api.search.ContentSearch;
import dev.teto.data.api.search.ContentSort;
import dev.teto.data.api.search.DriftReport;
import dev.teto.data.api.search.ProgressListener;
import dev.teto.data.api.search.ReindexReport;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * content_search follows the document store's change feed (here the port's in-memory stand-in; the MongoDB
 * adapter implements the same port) on a real Elasticsearch.
 */
class ContentSearchIT {
    private static TestSearch search;
    private static TetoData data;
    private static MemoryContentStore mongo;

    @BeforeAll
    static void open() throws Exception {
        search = TestSearch.create("content");
        String name = UUID.randomUUID().toString();
        mongo = MemoryContentStore.named(name);
        Map<String, String> settings = new LinkedHashMap<>(search.settings());
        settings.put("memcontent.name", name);
        data = TetoData.builder().configure(settings).build();
        mongo.put("community_posts", "p-title", post("Teto energy at work", "How to plan a week", List.of("work", "teto"), "TETO", 10));
        mongo.put("community_posts", "p-body", post("Weekly planning", "A teto energy morning routine", List.of("routine"), "EGEN", 50));
        mongo.put("personality_insights", "i-1", insight("Careers for egen types", "Egen people thrive in teams", "career", "EGEN", 7.5, List.of("TETO")));
        mongo.put("community_posts", "p-none", post("Unrelated", "Nothing to see", List.of("misc"), "TETO", 1));
        mongo.awaitDelivered();
    }

    @AfterAll
    static void close() {
        data.close();
        search.close();
    }

    private static ContentSearch content() {
        return data.get(ContentSearch.class);
    }

    @Test
    void aTitleMatchRanksAboveABodyOnlyMatch() {
        List<String> ids = ids(content().search(ContentQuery.text("teto energy"), PageRequest.first(10)));
        assertEquals(List.of("p-title", "p-body"), ids);
    }

    @Test
    void filtersAndHighlighting() {
        Page<ContentHit> hits = content().search(ContentQuery.text("energy").withTags(List.of("routine")).highlighted(),
                PageRequest.first(10));
        assertEquals(List.of("p-body"), ids(hits));
        assertTrue(hits.items().get(0).highlights().get("content").get(0).contains("<em>energy</em>"),
                hits.items().get(0).highlights().toString());
        assertEquals(List.of("i-1"), ids(content().search(ContentQuery.all().withCategory("career"), PageRequest.first(10))));
        // related types count as personality types of an insight
        assertEquals(List.of("i-1"), ids(content().search(ContentQuery.text("egen").withPersonalityTypes(List.of("TETO")),
                PageRequest.first(10))));
        List<String> popular = ids(content().search(ContentQuery.all().sortedBy(ContentSort.POPULARITY), PageRequest.first(2)));
        assertEquals(List.of("p-body", "p-title"), popular);
    }

    @Test
    void changesReplayedOutOfOrderLeaveTheNewestVersion() throws Exception {
        var first = mongo.put("community_posts", "p-order", post("Order first", "v1", List.of(), "TETO", 1));
        var second = mongo.put("community_posts", "p-order", post("Order second", "v2", List.of(), "TETO", 1));
        mongo.awaitDelivered();
        // replay the older change straight at the index, as a late redelivery would
        ContentIndex index = data.get(ContentIndex.class);
        var replay = index.upsert(new dev.teto.data.api.search.Versioned<>("p-order", first.version(),
                new ContentDocument("p-order", "Order first", "v1", List.of(), List.of("TETO"), "community", null, 1.0, null)));
        assertEquals(1, replay.skipped());
        assertEquals("Order second", index.fetch(List.of("p-order")).get("p-order").document().title());
        assertEquals(second.version(), index.fetch(List.of("p-order")).get("p-order").version());
        mongo.delete("community_posts", "p-order");
        mongo.awaitDelivered();
        assertTrue(index.fetch(List.of("p-order")).isEmpty());
        assertEquals(1, index.upsert(new dev.teto.data.api.search.Versioned<>("p-order", second.version(),
                new ContentDocument("p-order", "Order second", "v2", List.of(), List.of(), "community", null, 1.0, null))).skipped());
    }

    @Test
    void reconcileFindsAndRepairsDriftAndReindexKeepsEverything() throws Exception {
        String prefix = search.indexPrefix();
        EsHttp.call(search.url(), "PUT", "/" + prefix + "content_search/_doc/extra-doc?refresh=true",
                "{\"content_id\":\"extra-doc\",\"title\":\"ghost\"}");
        EsHttp.call(search.url(), "DELETE", "/" + prefix + "content_search/_doc/p-none?refresh=true", null);
        EsHttp.call(search.url(), "POST", "/" + prefix + "content_search/_update/i-1?refresh=true",
                "{\"doc\":{\"title\":\"tampered\"}}");
        SearchAdmin admin = data.get(SearchAdmin.class);
        DriftReport drift = admin.reconcile(SearchIndex.CONTENT_SEARCH, ProgressListener.NONE);
        assertEquals(List.of("p-none"), drift.missingIds());
        assertEquals(List.of("extra-doc"), drift.extraIds());
        assertEquals(List.of("i-1"), drift.staleIds());
        assertTrue(admin.reconcile(SearchIndex.CONTENT_SEARCH, ProgressListener.NONE).inSync());
        assertEquals("Careers for egen types", data.get(ContentIndex.class).fetch(List.of("i-1")).get("i-1").document().title());

        ReindexReport report = admin.reindex(SearchIndex.CONTENT_SEARCH, ProgressListener.NONE);
        assertFalse(report.fromIndex().equals(report.toIndex()));
        assertTrue(admin.reconcile(SearchIndex.CONTENT_SEARCH, ProgressListener.NONE).inSync());
        assertEquals(List.of("p-title", "p-body"), ids(content().search(ContentQuery.text("teto energy"), PageRequest.first(10))));
    }

    static List<String> ids(Page<ContentHit> page) {
        return page.items().stream().map(h -> h.document().contentId()).toList();
    }

    static Map<String, Object> post(String title, String body, List<String> tags, String type, int likes) {
        return Map.of("title", title, "content", body, "tags", tags, "personality_type", type, "likes", likes,
                "comments", List.of(), "metadata", Map.of("views", 3, "shares", 0), "created_at", "2026-11-01T10:00:00Z",
                "user_id", UUID.randomUUID().toString());
    }

    static Map<String, Object> insight(String title, String body, String category, String type, double popularity,
            List<String> related) {
        return Map.of("title", title, "content", body, "category", category, "personality_type", type,
                "author", "Dr. Han", "metadata", Map.of("popularity_score", popularity, "related_types", related),
                "created_at", "2026-11-02T10:00:00Z");
    }
}

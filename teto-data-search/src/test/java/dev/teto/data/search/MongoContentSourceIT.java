package dev.teto.data.search;

import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.content.PostEdit;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.ContentSource;
import dev.teto.data.api.search.DriftReport;
import dev.teto.data.api.search.ProgressListener;
import dev.teto.data.api.search.ReindexReport;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.Versioned;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestSearch;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconcile and reindex of content_search read MongoDB through its {@link ContentSource} (not the old index), while
 * the MongoDB change feed keeps the index live; scanned versions and feed versions order each other.
 */
@TetoDataTest(stores = {TestStore.POSTGRES, TestStore.MONGO, TestStore.SEARCH})
class MongoContentSourceIT {

    @Test
    void reconcileRepairsDriftAndReindexRebuildsFromMongo(TetoData data, TestSearch search) throws Exception {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        CommunityPost deleted = post(posts, "Deleted behind our back");
        CommunityPost tampered = post(posts, "Tampered behind our back");
        CommunityPost edited = post(posts, "Edited in MongoDB");
        Insight insight = data.get(InsightRepository.class).create(new NewInsight("EGEN", "career",
                "Insight from MongoDB", "Teams that listen do well", "Dr. Han", 4.5, 3, List.of("TETO")));
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put(deleted.id().value(), deleted.title());
        titles.put(tampered.id().value(), tampered.title());
        titles.put(edited.id().value(), edited.title());
        titles.put(insight.id().value(), insight.title());
        awaitTitles(data, titles);
        assertTrue(data.get(ContentSource.class) != null);

        // drift behind the library's back, in the index only: the feed will never repair it
        String alias = "/" + search.indexPrefix() + "content_search";
        EsHttp.call(search.url(), "DELETE", alias + "/_doc/" + deleted.id().value() + "?refresh=true", null);
        EsHttp.call(search.url(), "POST", alias + "/_update/" + tampered.id().value() + "?refresh=true",
                "{\"doc\":{\"title\":\"Tampered\"}}");
        SearchAdmin admin = data.get(SearchAdmin.class);
        AtomicBoolean once = new AtomicBoolean();
        DriftReport drift = admin.reconcile(SearchIndex.CONTENT_SEARCH, (phase, done, total) -> {
            if (phase.equals("scan-source") && once.compareAndSet(false, true)) {
                // MongoDB changes after the source was read, before the index is: the feed's newer version must win
                // over the scanned one, so reconcile neither undoes it nor calls it drift
                posts.edit(edited.id(), new PostEdit("Edited during reconcile", "new body"));
                titles.put(edited.id().value(), "Edited during reconcile");
                awaitTitlesUnchecked(data, Map.of(edited.id().value(), "Edited during reconcile"));
            }
        });
        assertEquals(List.of(deleted.id().value()), drift.missingIds(), drift.toString());
        // a scanned version is a bound above the document's last change: a version gap with equal content is no drift
        assertEquals(List.of(tampered.id().value()), drift.staleIds(), drift.toString());
        assertFalse(drift.staleIds().contains(edited.id().value()), "the live edit is not drift: " + drift);
        assertTrue(drift.extraIds().isEmpty(), drift.toString());
        assertEquals(4, drift.sourceDocuments());
        assertIndexHolds(data, titles);

        DriftReport again = admin.reconcile(SearchIndex.CONTENT_SEARCH, ProgressListener.NONE);
        assertEquals(0, again.missing() + again.extra() + again.stale(), again.toString());
        assertIndexHolds(data, titles);

        // drift again, then a rebuild: a copy of the index would keep both, a rebuild from MongoDB has neither
        EsHttp.call(search.url(), "POST", alias + "/_update/" + insight.id().value() + "?refresh=true",
                "{\"doc\":{\"title\":\"Tampered insight\"}}");
        EsHttp.call(search.url(), "DELETE", alias + "/_doc/" + tampered.id().value() + "?refresh=true", null);
        AtomicBoolean duringCopy = new AtomicBoolean();
        ReindexReport report = admin.reindex(SearchIndex.CONTENT_SEARCH, (phase, done, total) -> {
            if (phase.equals("copy") && duringCopy.compareAndSet(false, true)) {
                // a live change while the new index fills: the feed's write reaches it and outranks the scan
                posts.edit(deleted.id(), new PostEdit("Edited during reindex", "newer body"));
                titles.put(deleted.id().value(), "Edited during reindex");
            }
        });
        assertNotEquals(report.fromIndex(), report.toIndex());
        assertEquals(4, report.written() + report.skipped(), report.toString());
        awaitTitles(data, titles);
        assertIndexHolds(data, titles);
        Versioned<ContentDocument> rebuilt = data.get(ContentIndex.class).fetch(List.of(insight.id().value()))
                .get(insight.id().value());
        assertEquals(List.of("EGEN", "TETO"), rebuilt.document().personalityTypes());
        assertEquals(4.5, rebuilt.document().popularityScore());
    }

    private static CommunityPost post(CommunityPostRepository posts, String title) {
        return posts.create(NewCommunityPost.of(UUID.randomUUID(), "TETO", title, "Body of " + title, List.of("drift")));
    }

    private static void assertIndexHolds(TetoData data, Map<String, String> titles) {
        Map<String, Versioned<ContentDocument>> indexed = data.get(ContentIndex.class).fetch(List.copyOf(titles.keySet()));
        for (Map.Entry<String, String> e : titles.entrySet()) {
            assertTrue(indexed.containsKey(e.getKey()), "indexed: " + e.getKey());
            assertEquals(e.getValue(), indexed.get(e.getKey()).document().title(), "document " + e.getKey());
        }
    }

    private static void awaitTitles(TetoData data, Map<String, String> titles) throws InterruptedException {
        List<String> ids = List.copyOf(titles.keySet());
        SearchTestSupport.await("every document's last title is indexed", Duration.ofSeconds(30), () -> {
            Map<String, Versioned<ContentDocument>> indexed = data.get(ContentIndex.class).fetch(ids);
            return titles.entrySet().stream().allMatch(e -> indexed.containsKey(e.getKey())
                    && e.getValue().equals(indexed.get(e.getKey()).document().title()));
        });
    }

    private static void awaitTitlesUnchecked(TetoData data, Map<String, String> titles) {
        try {
            awaitTitles(data, titles);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

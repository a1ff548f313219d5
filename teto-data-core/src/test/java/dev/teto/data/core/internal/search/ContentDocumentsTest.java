package dev.teto.data.core.internal.search;

import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.Versioned;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How MongoDB documents (as the change feed gives them) become content_search documents. */
class ContentDocumentsTest {

    @Test
    void aPostKeepsItsTagsAndScoresLikesCommentsAndShares() {
        Versioned<ContentDocument> v = ContentDocuments.from(new ContentChange("community_posts", "p1",
                ContentChange.Kind.UPSERT, 42, Map.of("title", "T", "content", "C", "tags", List.of("a", "b"),
                "personality_type", "TETO", "likes", 3L, "comment_count", 2, "comments", List.of(Map.of(), Map.of(), Map.of()),
                "metadata", Map.of("views", 100, "shares", new BigDecimal("4")), "created_at", "2026-11-01T10:00:00.123456Z",
                "user_id", "u")));
        assertEquals("p1", v.id());
        assertEquals(42, v.version());
        ContentDocument d = v.document();
        assertEquals(List.of("a", "b"), d.tags());
        assertEquals(List.of("TETO"), d.personalityTypes());
        assertEquals("community", d.category());
        assertNull(d.author());
        assertEquals(9.0, d.popularityScore());
        assertEquals(Instant.parse("2026-11-01T10:00:00.123Z"), d.createdAt());
    }

    @Test
    void anInsightAddsItsRelatedTypesAndKeepsItsScore() {
        ContentDocument d = ContentDocuments.from(new ContentChange("personality_insights", "i1", ContentChange.Kind.UPSERT,
                7, Map.of("title", "T", "content", "C", "category", "career", "author", "Dr. Han", "personality_type", "EGEN",
                        "metadata", Map.of("popularity_score", 4.5, "related_types", List.of("TETO", "EGEN"))))).document();
        assertEquals(List.of("EGEN", "TETO"), d.personalityTypes());
        assertEquals(List.of(), d.tags());
        assertEquals("career", d.category());
        assertEquals("Dr. Han", d.author());
        assertEquals(4.5, d.popularityScore());
        assertNull(d.createdAt());
    }
}

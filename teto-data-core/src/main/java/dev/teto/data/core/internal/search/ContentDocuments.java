package dev.teto.data.core.internal.search;

import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.Versioned;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MongoDB document (snake_case, as the change feed gives it) as a {@code content_search} document. The seed maps
 * neither collection onto the index, so (docs/schema-deviations.md):
 * <ul>
 *   <li>{@code community_posts}: {@code personality_types} = [{@code personality_type}], {@code category} =
 *       {@code community}, no {@code author} (a post has only a user id, and user names stay out of content search),
 *       {@code popularity_score} = likes + comments ({@code comment_count}, else the array's size) +
 *       {@code metadata.shares};</li>
 *   <li>{@code personality_insights}: {@code personality_types} = [{@code personality_type}] +
 *       {@code metadata.related_types}, no tags, {@code popularity_score} = {@code metadata.popularity_score}.</li>
 * </ul>
 */
final class ContentDocuments {
    static final String POSTS = "community_posts";
    static final String INSIGHTS = "personality_insights";
    static final String POST_CATEGORY = "community";

    private ContentDocuments() {
    }

    static Versioned<ContentDocument> from(ContentChange change) {
        Map<String, Object> d = change.document();
        boolean post = POSTS.equals(change.collection());
        List<String> types = new ArrayList<>();
        if (d.get("personality_type") != null) {
            types.add(String.valueOf(d.get("personality_type")));
        }
        Map<?, ?> metadata = d.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        double popularity;
        if (post) {
            double comments = d.get("comment_count") instanceof Number n ? n.doubleValue()
                    : d.get("comments") instanceof List<?> c ? c.size() : 0;
            popularity = number(d.get("likes")) + comments + number(metadata.get("shares"));
        } else {
            popularity = number(metadata.get("popularity_score"));
            for (String related : strings(metadata.get("related_types"))) {
                if (!types.contains(related)) {
                    types.add(related);
                }
            }
        }
        ContentDocument document = new ContentDocument(change.documentId(), text(d.get("title")),
                text(d.get("content")), post ? strings(d.get("tags")) : List.of(), types,
                post ? POST_CATEGORY : text(d.get("category")), post ? null : text(d.get("author")), popularity,
                instant(d.get("created_at")));
        return new Versioned<>(change.documentId(), change.version(), document);
    }

    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(String.valueOf(o));
                }
            }
        }
        return out;
    }

    private static Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i.truncatedTo(ChronoUnit.MILLIS);
        }
        if (v instanceof java.util.Date date) {
            return date.toInstant();
        }
        if (v instanceof String s) {
            try {
                return Instant.parse(s).truncatedTo(ChronoUnit.MILLIS);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}

package dev.teto.data.mongo.internal.codec;

import dev.teto.data.api.content.Insight;
import dev.teto.data.mongo.internal.Docs;
import org.bson.Document;

import java.util.ArrayList;

/** {@link Insight} ↔ a {@code personality_insights} document, field by field; the metadata fields nest again. */
public final class InsightMapping {
    private InsightMapping() {
    }

    public static Document toDocument(Insight i) {
        return new Document("_id", Docs.oid(i.id()))
                .append("personality_type", i.personalityType())
                .append("category", i.category())
                .append("title", i.title())
                .append("content", i.content())
                .append("author", i.author())
                .append("metadata", new Document("popularity_score", i.popularityScore())
                        .append("reading_time", i.readingTime())
                        .append("related_types", new ArrayList<>(i.relatedTypes())))
                .append("created_at", Docs.date(i.createdAt()))
                .append("updated_at", Docs.date(i.updatedAt()));
    }

    public static Insight fromDocument(Document d) {
        Document m = Docs.sub(d, "metadata");
        return new Insight(Docs.id(d), d.getString("personality_type"), d.getString("category"), d.getString("title"),
                d.getString("content"), d.getString("author"), Docs.decimal(m, "popularity_score"),
                (int) Docs.number(m, "reading_time"), Docs.strings(m, "related_types"), Docs.instant(d, "created_at"),
                Docs.instant(d, "updated_at"));
    }
}

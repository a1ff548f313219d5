package dev.teto.data.mongo.internal.codec;

import com.mongodb.client.MongoDatabase;
import dev.teto.data.api.content.BehavioralPattern;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.Feedback;
import dev.teto.data.api.content.Insight;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecProvider;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;

/** The codecs of the five stored records, so collections can be typed ({@code MongoCollection<CommunityPost>}). */
public final class ContentCodecs implements CodecProvider {

    /** {@code db} with these codecs in front of its own. */
    public static MongoDatabase on(MongoDatabase db) {
        return db.withCodecRegistry(CodecRegistries.fromRegistries(
                CodecRegistries.fromProviders(new ContentCodecs()), db.getCodecRegistry()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Codec<T> get(Class<T> type, CodecRegistry registry) {
        Codec<Document> documents = registry.get(Document.class);
        if (type == Feedback.class) {
            return (Codec<T>) new RecordCodec<>(Feedback.class, documents, FeedbackMapping::fromDocument,
                    FeedbackMapping::toDocument);
        } else if (type == CommunityPost.class) {
            return (Codec<T>) new RecordCodec<>(CommunityPost.class, documents, PostMapping::fromDocument,
                    PostMapping::toDocument);
        } else if (type == Insight.class) {
            return (Codec<T>) new RecordCodec<>(Insight.class, documents, InsightMapping::fromDocument,
                    InsightMapping::toDocument);
        } else if (type == BehavioralPattern.class) {
            return (Codec<T>) new RecordCodec<>(BehavioralPattern.class, documents, PatternMapping::fromDocument,
                    PatternMapping::toDocument);
        } else if (type == CohortAnalytics.class) {
            return (Codec<T>) new RecordCodec<>(CohortAnalytics.class, documents, CohortMapping::fromDocument,
                    CohortMapping::toDocument);
        }
        return null;
    }
}

package dev.teto.data.mongo;

import com.mongodb.MongoClientSettings;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.Anomaly;
import dev.teto.data.api.content.BehavioralPattern;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortMetrics;
import dev.teto.data.api.content.Comment;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.DemographicBreakdown;
import dev.teto.data.api.content.Feedback;
import dev.teto.data.api.content.FeedbackMetadata;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.Share;
import dev.teto.data.mongo.internal.codec.ContentCodecs;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonDocumentWriter;
import org.bson.UuidRepresentation;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every record codec round-trips, writes the seed's field names and stores UUIDs as STANDARD (subtype 4). */
class ContentCodecsTest {
    private static final CodecRegistry REGISTRY = CodecRegistries.withUuidRepresentation(CodecRegistries.fromRegistries(
            CodecRegistries.fromProviders(new ContentCodecs()), MongoClientSettings.getDefaultCodecRegistry()),
            UuidRepresentation.STANDARD);
    private static final Instant T = Instant.parse("2026-11-25T12:00:00.123Z");
    private static final ContentId ID = ContentId.of("0123456789abcdef01234567");

    private static <T> BsonDocument roundTrip(Class<T> type, T value) {
        Codec<T> codec = REGISTRY.get(type);
        BsonDocument doc = new BsonDocument();
        codec.encode(new BsonDocumentWriter(doc), value, EncoderContext.builder().build());
        assertEquals(value, codec.decode(new BsonDocumentReader(doc), DecoderContext.builder().build()));
        return doc;
    }

    @Test
    void feedback() {
        BsonDocument doc = roundTrip(Feedback.class, new Feedback(ID, UUID.randomUUID(), UUID.randomUUID(),
                "ux_experience", 4, "nice", new FeedbackMetadata("firefox", null, "/r"), T, T));
        assertEquals(BsonBinarySubType.UUID_STANDARD.getValue(), doc.getBinary("user_id").getType());
        assertEquals(List.of("_id", "user_id", "assessment_id", "feedback_type", "rating", "comments", "metadata",
                "created_at", "updated_at"), List.copyOf(doc.keySet()));
        assertEquals(T.toEpochMilli(), doc.getDateTime("created_at").getValue());
    }

    @Test
    void postWithComments() {
        BsonDocument doc = roundTrip(CommunityPost.class, new CommunityPost(ID, UUID.randomUUID(), "teto", "t", "c",
                List.of("a"), 3, List.of(new Comment(ContentId.of("0123456789abcdef01234568"), UUID.randomUUID(), "hi", T)),
                1, true, 10, 2, T, T));
        assertEquals(10, doc.getDocument("metadata").getInt64("views").getValue());
        assertEquals("hi", doc.getArray("comments").get(0).asDocument().getString("content").getValue());
    }

    @Test
    void insightPatternAndCohort() {
        BsonDocument insight = roundTrip(Insight.class, new Insight(ID, "teto", "career", "t", "c", null, 2.5, 4,
                List.of("egen"), T, T));
        assertEquals(2.5, insight.getDocument("metadata").getDouble("popularity_score").getValue());
        BsonDocument pattern = roundTrip(BehavioralPattern.class, new BehavioralPattern(ID, UUID.randomUUID(),
                UUID.randomUUID(), "response_time", List.of(T), List.of(1.5), List.of(new Anomaly(T, 1.5, 0.9)), 0.7, T));
        assertEquals(1, pattern.getDocument("pattern_data").getArray("anomalies").size());
        BsonDocument cohort = roundTrip(CohortAnalytics.class, new CohortAnalytics(ID, "personality_type", "teto",
                TimeRange.of(T, T.plusSeconds(60)), new CohortMetrics(5, 0.5, null, null, 0.1),
                new DemographicBreakdown(List.of(new Share("18-24", 50)), List.of(new Share("KR", 90)),
                        List.of(new Share("engineer", 10))), T));
        assertEquals("KR", cohort.getDocument("demographic_breakdown").getArray("locations").get(0).asDocument()
                .getString("country").getValue());
        assertEquals("engineer", cohort.getDocument("demographic_breakdown").getArray("occupations").get(0).asDocument()
                .getString("type").getValue());
    }
}

package dev.teto.data.mongo.internal.codec;

import dev.teto.data.api.content.Anomaly;
import dev.teto.data.api.content.BehavioralPattern;
import dev.teto.data.mongo.internal.Docs;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** {@link BehavioralPattern} ↔ a {@code behavioral_patterns} document; the three lists nest in {@code pattern_data}. */
public final class PatternMapping {
    private PatternMapping() {
    }

    public static Document toDocument(BehavioralPattern p) {
        return new Document("_id", Docs.oid(p.id()))
                .append("user_id", p.userId())
                .append("assessment_id", p.assessmentId())
                .append("pattern_type", p.patternType())
                .append("pattern_data", patternData(p.timestamps(), p.values(), p.anomalies()))
                .append("confidence_score", p.confidenceScore())
                .append("created_at", Docs.date(p.createdAt()));
    }

    public static Document patternData(List<Instant> timestamps, List<Double> values, List<Anomaly> anomalies) {
        List<Date> dates = new ArrayList<>();
        for (Instant t : Docs.orEmpty(timestamps)) {
            dates.add(Docs.date(t));
        }
        List<Document> anomalyDocs = new ArrayList<>();
        for (Anomaly a : Docs.orEmpty(anomalies)) {
            anomalyDocs.add(anomaly(a));
        }
        return new Document("timestamps", dates).append("values", new ArrayList<>(Docs.orEmpty(values)))
                .append("anomalies", anomalyDocs);
    }

    public static Document anomaly(Anomaly a) {
        return new Document("timestamp", Docs.date(a.timestamp())).append("value", a.value())
                .append("confidence", a.confidence());
    }

    public static BehavioralPattern fromDocument(Document d) {
        Document data = Docs.sub(d, "pattern_data");
        List<Instant> timestamps = new ArrayList<>();
        if (data.get("timestamps") instanceof List<?> list) {
            for (Object t : list) {
                if (t instanceof Date date) {
                    timestamps.add(date.toInstant());
                }
            }
        }
        List<Double> values = new ArrayList<>();
        if (data.get("values") instanceof List<?> list) {
            for (Object v : list) {
                if (v instanceof Number n) {
                    values.add(n.doubleValue());
                }
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        for (Document a : Docs.documents(data, "anomalies")) {
            anomalies.add(new Anomaly(Docs.instant(a, "timestamp"), Docs.decimal(a, "value"), Docs.decimal(a, "confidence")));
        }
        return new BehavioralPattern(Docs.id(d), Docs.uuid(d, "user_id"), Docs.uuid(d, "assessment_id"),
                d.getString("pattern_type"), timestamps, values, anomalies, Docs.decimal(d, "confidence_score"),
                Docs.instant(d, "created_at"));
    }
}

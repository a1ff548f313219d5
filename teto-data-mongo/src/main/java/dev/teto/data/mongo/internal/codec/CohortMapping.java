package dev.teto.data.mongo.internal.codec;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortMetrics;
import dev.teto.data.api.content.DemographicBreakdown;
import dev.teto.data.api.content.Share;
import dev.teto.data.mongo.internal.Docs;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link CohortAnalytics} ↔ a {@code cohort_analytics} document. Breakdown entries keep the seed's label field per
 * list: {@code range} for age groups, {@code country} for locations, {@code type} for occupations.
 */
public final class CohortMapping {
    private CohortMapping() {
    }

    public static Document toDocument(CohortAnalytics c) {
        return new Document("_id", Docs.oid(c.id()))
                .append("cohort_type", c.cohortType())
                .append("cohort_value", c.cohortValue())
                .append("period", new Document("start", Docs.date(c.period().from())).append("end", Docs.date(c.period().to())))
                .append("metrics", metrics(c.metrics()))
                .append("demographic_breakdown", breakdown(c.breakdown()))
                .append("created_at", Docs.date(c.createdAt()));
    }

    public static Document metrics(CohortMetrics m) {
        return new Document("user_count", m.userCount()).append("completion_rate", m.completionRate())
                .append("engagement_score", m.engagementScore()).append("retention_rate", m.retentionRate())
                .append("upgrade_rate", m.upgradeRate());
    }

    public static Document breakdown(DemographicBreakdown b) {
        DemographicBreakdown v = b == null ? DemographicBreakdown.NONE : b;
        return new Document("age_groups", shares(v.ageGroups(), "range"))
                .append("locations", shares(v.locations(), "country"))
                .append("occupations", shares(v.occupations(), "type"));
    }

    private static List<Document> shares(List<Share> shares, String labelField) {
        List<Document> out = new ArrayList<>();
        for (Share s : Docs.orEmpty(shares)) {
            out.add(new Document(labelField, s.label()).append("percentage", s.percentage()));
        }
        return out;
    }

    private static List<Share> shares(Document breakdown, String list, String labelField) {
        List<Share> out = new ArrayList<>();
        for (Document d : Docs.documents(breakdown, list)) {
            out.add(new Share(d.getString(labelField), Docs.decimal(d, "percentage")));
        }
        return out;
    }

    public static CohortAnalytics fromDocument(Document d) {
        Document period = Docs.sub(d, "period");
        Document m = Docs.sub(d, "metrics");
        Document b = Docs.sub(d, "demographic_breakdown");
        return new CohortAnalytics(Docs.id(d), d.getString("cohort_type"), d.getString("cohort_value"),
                new TimeRange(Docs.instant(period, "start"), Docs.instant(period, "end")),
                new CohortMetrics(Docs.optionalInt(m, "user_count"), Docs.optionalDecimal(m, "completion_rate"),
                        Docs.optionalDecimal(m, "engagement_score"), Docs.optionalDecimal(m, "retention_rate"),
                        Docs.optionalDecimal(m, "upgrade_rate")),
                new DemographicBreakdown(shares(b, "age_groups", "range"), shares(b, "locations", "country"),
                        shares(b, "occupations", "type")),
                Docs.instant(d, "created_at"));
    }
}

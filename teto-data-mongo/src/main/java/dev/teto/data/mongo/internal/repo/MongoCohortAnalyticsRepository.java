package dev.teto.data.mongo.internal.repo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.content.ContentEntities;
import dev.teto.data.api.content.NewCohortAnalytics;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.Docs;
import dev.teto.data.mongo.internal.MongoErrors;
import dev.teto.data.mongo.internal.MongoKeyset;
import dev.teto.data.mongo.internal.codec.CohortMapping;
import org.bson.conversions.Bson;

import java.time.Instant;

/**
 * {@code cohort_analytics}: one document per (cohort type, cohort value, period start, period end), kept unique by
 * an index of ours and written by upsert, so a replayed event leaves the same single document.
 */
public final class MongoCohortAnalyticsRepository implements CohortAnalyticsRepository {
    private final MongoCollection<CohortAnalytics> cohorts;

    /** @param db with {@link dev.teto.data.mongo.internal.codec.ContentCodecs} */
    public MongoCohortAnalyticsRepository(MongoDatabase db) {
        this.cohorts = db.getCollection(CollectionNames.COHORTS, CohortAnalytics.class);
    }

    @Override
    public CohortAnalytics upsert(NewCohortAnalytics a) {
        Bson key = key(a.cohortType(), a.cohortValue(), a.period());
        upsertOne(key, Updates.combine(
                Updates.set("metrics", CohortMapping.metrics(a.metrics())),
                Updates.set("demographic_breakdown", CohortMapping.breakdown(a.breakdown())),
                Updates.setOnInsert("created_at", Docs.date(Docs.now()))), "upsert cohort analytics");
        CohortAnalytics stored = MongoErrors.call("upsert cohort analytics", () -> cohorts.find(key).first());
        if (stored == null) {
            throw new NotFoundException(MongoErrors.STORE, ContentEntities.COHORT, a.cohortValue());
        }
        return stored;
    }

    @Override
    public void addUsers(String cohortType, String cohortValue, TimeRange period, int users) {
        upsertOne(key(cohortType, cohortValue, period), Updates.combine(
                Updates.inc("metrics.user_count", users),
                Updates.setOnInsert("created_at", Docs.date(Docs.now()))), "count cohort users");
    }

    private static Bson key(String cohortType, String cohortValue, TimeRange period) {
        return Filters.and(Filters.eq("cohort_type", cohortType), Filters.eq("cohort_value", cohortValue),
                Filters.eq("period.start", Docs.date(period.from())), Filters.eq("period.end", Docs.date(period.to())));
    }

    private void upsertOne(Bson key, Bson change, String operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                cohorts.updateOne(key, change, new UpdateOptions().upsert(true));
                return;
            } catch (MongoException e) {
                if (attempt < 3 && MongoErrors.isDuplicateKey(e)) {
                    continue;   // a concurrent first write of the same key won; update its document
                }
                throw MongoErrors.translate(operation, e);
            }
        }
    }

    @Override
    public Page<CohortAnalytics> series(String cohortType, String cohortValue, TimeRange range, PageRequest page) {
        Bson filter = Filters.and(Filters.eq("cohort_type", cohortType), Filters.eq("cohort_value", cohortValue),
                Filters.gte("period.start", Docs.date(range.from())), Filters.lt("period.start", Docs.date(range.to())));
        return new MongoKeyset<CohortAnalytics>("cohorts.series", MongoKeyset.fingerprintOf(cohortType, cohortValue),
                filter, "period.start", Instant.class, false, null, c -> c.period().from(), CohortAnalytics::id)
                .fetch(cohorts, page);
    }
}

package dev.teto.data.mongo.internal.repo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.teto.data.api.content.ContentEntities;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.ContentLimits;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.InsightUpdate;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.Docs;
import dev.teto.data.mongo.internal.MongoErrors;
import dev.teto.data.mongo.internal.MongoKeyset;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code personality_insights}: most popular first ({@code metadata.popularity_score} descending, then id). */
public final class MongoInsightRepository implements InsightRepository {
    private static final String POPULARITY = "metadata.popularity_score";

    private final MongoCollection<Insight> insights;

    /** @param db with {@link dev.teto.data.mongo.internal.codec.ContentCodecs} */
    public MongoInsightRepository(MongoDatabase db) {
        this.insights = db.getCollection(CollectionNames.INSIGHTS, Insight.class);
    }

    @Override
    public Insight create(NewInsight i) {
        Instant now = Docs.now();
        Insight insight = new Insight(new ContentId(new ObjectId().toHexString()), i.personalityType(), i.category(),
                i.title(), i.content(), i.author(), i.popularityScore(), i.readingTime(), Docs.orEmpty(i.relatedTypes()),
                now, now);
        MongoErrors.run("create insight", () -> insights.insertOne(insight));
        return insight;
    }

    @Override
    public Optional<Insight> get(ContentId id) {
        return MongoErrors.call("get insight", () -> Optional.ofNullable(insights.find(Filters.eq("_id", Docs.oid(id))).first()));
    }

    @Override
    public Insight update(ContentId id, InsightUpdate u) {
        List<Bson> changes = new ArrayList<>();
        setIf(changes, "category", u.category());
        setIf(changes, "title", u.title());
        setIf(changes, "content", u.content());
        setIf(changes, "author", u.author());
        setIf(changes, POPULARITY, u.popularityScore());
        setIf(changes, "metadata.reading_time", u.readingTime());
        setIf(changes, "metadata.related_types", u.relatedTypes());
        changes.add(Updates.set("updated_at", Docs.date(Docs.now())));
        UpdateResult result = MongoErrors.call("update insight",
                () -> insights.updateOne(Filters.eq("_id", Docs.oid(id)), Updates.combine(changes)));
        if (result.getMatchedCount() == 0) {
            throw new NotFoundException(MongoErrors.STORE, ContentEntities.INSIGHT, id);
        }
        return get(id).orElseThrow(() -> new NotFoundException(MongoErrors.STORE, ContentEntities.INSIGHT, id));
    }

    private static void setIf(List<Bson> changes, String field, Object value) {
        if (value != null) {
            changes.add(Updates.set(field, value));
        }
    }

    @Override
    public Page<Insight> listByType(String personalityType, String category, PageRequest page) {
        Bson filter = category == null ? Filters.eq("personality_type", personalityType)
                : Filters.and(Filters.eq("personality_type", personalityType), Filters.eq("category", category));
        return list("insights.by_type", filter, MongoKeyset.fingerprintOf(personalityType, category), page);
    }

    @Override
    public Page<Insight> listRelated(String personalityType, PageRequest page) {
        Bson filter = Filters.and(Filters.eq("metadata.related_types", personalityType),
                Filters.ne("personality_type", personalityType));
        return list("insights.related", filter, MongoKeyset.fingerprintOf(personalityType), page);
    }

    private Page<Insight> list(String name, Bson filter, String fingerprint, PageRequest page) {
        return new MongoKeyset<Insight>(name, fingerprint, filter, POPULARITY, Double.class, true, null,
                Insight::popularityScore, Insight::id).fetch(insights, page);
    }

    @Override
    public List<Insight> popular(String personalityType, int limit) {
        if (limit < 1 || limit > ContentLimits.RESULTS_MAX) {
            throw new ValidationException("limit", limit, "must be between 1 and " + ContentLimits.RESULTS_MAX);
        }
        return MongoErrors.call("popular insights", () -> insights.find(Filters.eq("personality_type", personalityType))
                .sort(Sorts.descending(POPULARITY, "_id")).limit(limit).into(new ArrayList<>()));
    }
}

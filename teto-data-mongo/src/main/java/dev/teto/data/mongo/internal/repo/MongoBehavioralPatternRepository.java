package dev.teto.data.mongo.internal.repo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.Anomaly;
import dev.teto.data.api.content.BehavioralPattern;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.ContentEntities;
import dev.teto.data.api.content.NewBehavioralPattern;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.Docs;
import dev.teto.data.mongo.internal.MongoErrors;
import dev.teto.data.mongo.internal.MongoKeyset;
import dev.teto.data.mongo.internal.codec.PatternMapping;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code behavioral_patterns}: one document per (user, assessment, pattern type), kept unique by an index of ours,
 * written by upsert so that a replayed event changes nothing. Anomalies are appended with one {@code $push} whose
 * filter refuses a timestamp already present and a full array.
 */
public final class MongoBehavioralPatternRepository implements BehavioralPatternRepository {
    private static final String ANOMALIES = "pattern_data.anomalies";

    private final MongoCollection<BehavioralPattern> patterns;
    private final int anomalyCap;

    /** @param db with {@link dev.teto.data.mongo.internal.codec.ContentCodecs} */
    public MongoBehavioralPatternRepository(MongoDatabase db, int anomalyCap) {
        this.patterns = db.getCollection(CollectionNames.PATTERNS, BehavioralPattern.class);
        this.anomalyCap = anomalyCap;
    }

    @Override
    public BehavioralPattern record(NewBehavioralPattern p) {
        Bson key = key(p.userId(), p.assessmentId(), p.patternType());
        Bson change = Updates.combine(
                Updates.set("pattern_data", PatternMapping.patternData(p.timestamps(), p.values(), p.anomalies())),
                Updates.set("confidence_score", p.confidenceScore()),
                Updates.setOnInsert("created_at", Docs.date(p.observedAt() == null ? Docs.now() : p.observedAt())));
        upsert(key, change);
        return find(p.userId(), p.assessmentId(), p.patternType())
                .orElseThrow(() -> new NotFoundException(MongoErrors.STORE, ContentEntities.PATTERN, p.patternType()));
    }

    /** Two first writers of one key race on the unique index; the loser's retry finds the document and updates it. */
    private void upsert(Bson key, Bson change) {
        for (int attempt = 1; ; attempt++) {
            try {
                patterns.updateOne(key, change, new UpdateOptions().upsert(true));
                return;
            } catch (MongoException e) {
                if (attempt < 3 && MongoErrors.isDuplicateKey(e)) {
                    continue;
                }
                throw MongoErrors.translate("record pattern", e);
            }
        }
    }

    @Override
    public Optional<BehavioralPattern> find(UUID userId, UUID assessmentId, String patternType) {
        return MongoErrors.call("find pattern", () -> Optional.ofNullable(patterns.find(key(userId, assessmentId, patternType))
                .first()));
    }

    @Override
    public boolean appendAnomaly(UUID userId, UUID assessmentId, String patternType, Anomaly anomaly) {
        Bson key = key(userId, assessmentId, patternType);
        Date at = Docs.date(anomaly.timestamp());
        UpdateResult result = MongoErrors.call("append anomaly", () -> patterns.updateOne(
                Filters.and(key, Filters.ne(ANOMALIES + ".timestamp", at),
                        Filters.exists(ANOMALIES + "." + (anomalyCap - 1), false)),
                Updates.push(ANOMALIES, PatternMapping.anomaly(anomaly))));
        if (result.getMatchedCount() > 0) {
            return true;
        }
        BehavioralPattern current = MongoErrors.call("append anomaly", () -> patterns.find(key).first());
        if (current == null) {
            throw new NotFoundException(MongoErrors.STORE, ContentEntities.PATTERN, patternType);
        }
        boolean present = current.anomalies().stream().anyMatch(a -> at.toInstant().equals(a.timestamp()));
        if (present) {
            return false;   // a replay: this anomaly is already there
        }
        throw new ConflictException(MongoErrors.STORE, "the pattern holds the cap of " + anomalyCap + " anomalies");
    }

    @Override
    public Page<BehavioralPattern> listByUser(UUID userId, TimeRange range, PageRequest page) {
        return list("patterns.by_user", Filters.and(Filters.eq("user_id", userId), within(range)), userId, page);
    }

    @Override
    public Page<BehavioralPattern> listByType(String patternType, TimeRange range, PageRequest page) {
        return list("patterns.by_type", Filters.and(Filters.eq("pattern_type", patternType), within(range)), patternType, page);
    }

    /** The time bounds stay out of the cursor's fingerprint, as in every listing: paging "up to now" moves its end. */
    private Page<BehavioralPattern> list(String name, Bson filter, Object key, PageRequest page) {
        return new MongoKeyset<BehavioralPattern>(name, MongoKeyset.fingerprintOf(key), filter, "created_at",
                Instant.class, true, null, BehavioralPattern::createdAt, BehavioralPattern::id).fetch(patterns, page);
    }

    private static Bson within(TimeRange range) {
        return Filters.and(Filters.gte("created_at", Docs.date(range.from())), Filters.lt("created_at", Docs.date(range.to())));
    }

    private static Bson key(UUID userId, UUID assessmentId, String patternType) {
        return Filters.and(Filters.eq("user_id", userId), Filters.eq("assessment_id", assessmentId),
                Filters.eq("pattern_type", patternType));
    }
}

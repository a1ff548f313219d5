package dev.teto.data.mongo.internal.feed;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.search.ContentSource;
import dev.teto.data.api.validation.Check;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.MongoErrors;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link ContentSource} beside {@link MongoChangeFeed}: the current documents of a collection, converted exactly as
 * the feed converts them ({@link ChangeEvents#upsert}), for rebuilding and reconciling {@code content_search}.
 *
 * <h2>Versions</h2>
 * A document does not record the cluster time of its last change, so a scanned document gets a bound instead: the
 * cluster time {@link ClusterClock#committed taken just before the read} (on a replica set the majority commit point
 * a majority read reports; on the stand-in, which reports no {@code operationTime}, its newest oplog entry). Every
 * change at or below that time is committed and visible to the read, so a replayed change with a version at or
 * below it is refused by the index and never overwrites the scanned state; every change the read may have missed
 * has a higher version, so the feed's delivery of it always wins. A change that lands between the bound and the
 * read is both in the scanned state and, later, delivered by the feed with a higher version: the index briefly
 * holds what it already had, then the feed's own (newer or equal) state. The opposite choice, the read's own
 * {@code operationTime} (an upper bound), could exceed the version of a change the read did not see, which the
 * index would then refuse for good.
 *
 * <p>So the version is never lower than the feed's version of the last change the document shows, and usually
 * higher: a reconcile that compares versions alone will call a document behind the scan even when its content is
 * the same. A standalone mongod has no cluster time and no feed: wall-clock versions like the feed's fallback.
 */
public final class MongoContentSource implements ContentSource {
    /** Largest page one {@link #scan} returns (core asks for 500). */
    public static final int MAX_SCAN = 1000;
    private static final ObjectId LOWEST_ID = new ObjectId("000000000000000000000000");
    private static final Set<String> COLLECTIONS = Set.copyOf(CollectionNames.SEED);

    private final MongoDatabase db;
    private final MongoCollection<Document> oplog;

    /**
     * @param db    with the driver's plain {@code Document} codec (the feed's shape), read from the primary so the
     *              read sees everything the majority commit point covers
     * @param oplog {@code local.oplog.rs}, read only where the server reports no cluster time (the stand-in)
     */
    public MongoContentSource(MongoDatabase db, MongoCollection<Document> oplog) {
        this.db = db.withReadPreference(ReadPreference.primary());
        this.oplog = oplog;
    }

    @Override
    public List<ContentChange> scan(String collection, String afterId, int limit) {
        checkCollection(collection);
        if (limit < 1 || limit > MAX_SCAN) {
            throw new ValidationException("limit", null, "must be 1 to " + MAX_SCAN);
        }
        ObjectId after = afterId == null ? null : objectId("afterId", afterId);
        return MongoErrors.call("scan " + collection, () -> {
            long version = version();
            // gte the lowest ObjectId when starting: ObjectIds only, in _id order (the index every collection has)
            List<Document> docs = db.getCollection(collection)
                    .find(after == null ? Filters.gte("_id", LOWEST_ID) : Filters.gt("_id", after))
                    .sort(Sorts.ascending("_id")).limit(limit).into(new ArrayList<>());
            List<ContentChange> out = new ArrayList<>(docs.size());
            for (Document doc : docs) {
                ContentChange change = ChangeEvents.upsert(collection, doc, version);
                if (change != null) {
                    out.add(change);
                }
            }
            return out;
        });
    }

    @Override
    public ContentChange find(String collection, String id) {
        checkCollection(collection);
        if (!ObjectId.isValid(id)) {
            return null;   // not an id this library writes: no such document
        }
        return MongoErrors.call("find in " + collection, () -> {
            long version = version();
            Document doc = db.getCollection(collection).find(Filters.eq("_id", new ObjectId(id))).first();
            return doc == null ? null : ChangeEvents.upsert(collection, doc, version);
        });
    }

    /** Taken before the read it versions; see the class comment for why a lower and not an upper bound. */
    private long version() {
        BsonTimestamp committed = ClusterClock.committed(db, oplog);
        return committed != null ? committed.getValue() : ChangeEvents.fallbackVersion();
    }

    private static void checkCollection(String collection) {
        if (!COLLECTIONS.contains(collection)) {
            throw new ValidationException("collection", collection, "must be one of " + CollectionNames.SEED);
        }
    }

    private static ObjectId objectId(String field, String value) {
        if (!ObjectId.isValid(value)) {
            throw new ValidationException(field, null, "must be a document id (24 hex digits)");
        }
        return new ObjectId(value);
    }
}

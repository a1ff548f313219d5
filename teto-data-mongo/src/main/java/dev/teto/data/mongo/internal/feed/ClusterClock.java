package dev.teto.data.mongo.internal.feed;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.teto.data.mongo.internal.CollectionNames;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's cluster time, the clock the change feed's versions count in (an oplog entry's {@code ts}:
 * {@code seconds << 32 | increment}). Where a server reports none, the oplog's newest entry stands in.
 */
final class ClusterClock {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterClock.class);

    private ClusterClock() {
    }

    /**
     * A cluster time at or below which every change is committed and visible to a read made after this call, on the
     * primary: the majority commit point a majority read reports as its {@code operationTime} (a replica set), else
     * the newest oplog entry's time (the stand-in, which reports no {@code operationTime} and writes an oplog entry
     * only after the document changed), else null (a standalone mongod: no cluster time, no change feed).
     *
     * <p>Not the {@code operationTime} of a plain read or {@code ping} (the last applied write): a write can be given
     * a time below that and still commit after it, so a read could miss it while its version already looks old.
     */
    static BsonTimestamp committed(MongoDatabase db, MongoCollection<Document> oplog) {
        try {
            Document reply = db.runCommand(new Document("find", CollectionNames.FEED_POSITIONS).append("limit", 1)
                    .append("readConcern", new Document("level", "majority")), ReadPreference.primary());
            if (reply.get("operationTime") instanceof BsonTimestamp ts) {
                return ts;
            }
        } catch (MongoCommandException e) {
            // a deployment refusing majority reads (rare): the last applied time is the closest bound left
            LOG.debug("majority read refused ({}); using ping's operationTime", e.getErrorCode());
            if (db.runCommand(new Document("ping", 1)).get("operationTime") instanceof BsonTimestamp ts) {
                return ts;
            }
        }
        return newestOplogEntry(oplog);
    }

    /** The newest entry's {@code ts} in {@code local.oplog.rs}, or null when there is none or it cannot be read. */
    static BsonTimestamp newestOplogEntry(MongoCollection<Document> oplog) {
        try {
            Document newest = oplog.find().sort(new Document("ts", -1)).limit(1).first();
            return newest != null && newest.get("ts") instanceof BsonTimestamp ts ? ts : null;
        } catch (MongoException e) {
            LOG.debug("cannot read the oplog ({})", e.getClass().getSimpleName());
            return null;
        }
    }
}

package dev.teto.data.mongo.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server can do, probed once at start-up: {@code $text} search (a real mongod: yes; the embedded test
 * stand-in: no) and multi-document transactions (a replica set or sharded cluster). No code path needs
 * transactions; the probe only reports.
 *
 * @param textSearch    {@code $text} works on a collection with a text index
 * @param transactions  the deployment could run multi-document transactions
 * @param changeStreams a change stream can be opened (a replica set, a sharded cluster, the stand-in with its
 *                      oplog; not a standalone mongod)
 */
public record StoreCapabilities(boolean textSearch, boolean transactions, boolean changeStreams) {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCapabilities.class);
    private static final String PROBE = "teto_capability_probe";

    public static StoreCapabilities probe(MongoDatabase db) {
        StoreCapabilities found = new StoreCapabilities(probeText(db), probeTransactions(db), probeChangeStreams(db));
        LOG.info("mongo capabilities: textSearch={}, transactions={}, changeStreams={}", found.textSearch,
                found.transactions, found.changeStreams);
        return found;
    }

    /** A scratch collection with a text index and one document: an empty one answers $text even where it is missing. */
    private static boolean probeText(MongoDatabase db) {
        MongoCollection<Document> probe = db.getCollection(PROBE);
        try {
            probe.createIndex(new Document("probe", "text"));
            probe.insertOne(new Document("probe", "teto probe"));
            return probe.countDocuments(Filters.text("probe")) == 1;
        } catch (MongoException e) {
            LOG.debug("$text probe failed: {}", e.getClass().getSimpleName());
            return false;
        } finally {
            try {
                probe.drop();
            } catch (MongoException e) {
                LOG.debug("dropping the probe collection failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private static boolean probeChangeStreams(MongoDatabase db) {
        try (var cursor = db.getCollection(CollectionNames.FEED_POSITIONS).watch()
                .maxAwaitTime(10, java.util.concurrent.TimeUnit.MILLISECONDS).cursor()) {
            cursor.tryNext();
            return true;
        } catch (MongoException e) {
            LOG.debug("change stream probe failed: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    private static boolean probeTransactions(MongoDatabase db) {
        try {
            Document hello = db.runCommand(new Document("isMaster", 1));
            return hello.containsKey("setName") || "isdbgrid".equals(hello.getString("msg"));
        } catch (MongoException e) {
            return false;
        }
    }
}

package dev.teto.data.mongo.internal.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.validation.Check;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.MongoErrors;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ChangeFeed} over MongoDB change streams, one stream per followed collection (the embedded test stand-in
 * has no database-wide stream), with {@code fullDocument: updateLookup}. Each subscription runs on a thread of its
 * own and keeps a resume token per collection in {@value CollectionNames#FEED_POSITIONS}, written after its
 * listener returns: a restart resumes after the last acknowledged change, so nothing is lost and nothing
 * acknowledged comes again. Changes come in commit order within a collection; the streams of several collections are
 * read in turn, so across collections only {@link dev.teto.data.api.feed.ContentChange#version()} orders them.
 */
public final class MongoChangeFeed implements ChangeFeed, AutoCloseable {
    private final MongoDatabase db;
    private final MongoCollection<Document> oplog;
    private final Set<FeedSubscription> active = ConcurrentHashMap.newKeySet();

    private final boolean available;

    /**
     * @param oplog     {@code local.oplog.rs}, read only to place a new subscriber where no operation time is reported
     * @param available whether the deployment has change streams (the capability probe)
     */
    public MongoChangeFeed(MongoDatabase db, MongoCollection<Document> oplog, boolean available) {
        this.db = db;
        this.oplog = oplog;
        this.available = available;
    }

    @Override
    public synchronized Subscription subscribe(String subscriber, Set<String> collections, Listener listener) {
        Check.requiredText("subscriber", subscriber, 100);
        Check.required("collections", collections);
        Check.required("listener", listener);
        if (collections.isEmpty()) {
            throw new ValidationException("collections", null, "must name at least one collection");
        }
        for (String collection : collections) {
            if (!CollectionNames.SEED.contains(collection)) {
                throw new ValidationException("collections", collection, "must be one of " + CollectionNames.SEED);
            }
        }
        if (!available) {
            throw new DataAccessException(MongoErrors.STORE, "change streams are unavailable on this deployment (a "
                    + "standalone mongod has none): run a replica set, even of one member, or rebuild projections "
                    + "from the listings instead", null);
        }
        if (active.stream().anyMatch(s -> s.subscriber().equals(subscriber))) {
            // Two readers of one position would each store tokens the other has not acknowledged.
            throw new ConflictException(MongoErrors.STORE, "change feed subscriber " + subscriber
                    + " is already subscribed in this process; close that subscription first");
        }
        List<String> ordered = new ArrayList<>(collections);
        ordered.sort(null);
        FeedSubscription subscription = new FeedSubscription(db, oplog, subscriber, ordered, listener, active::remove);
        subscription.start();
        active.add(subscription);
        return subscription;
    }

    public int activeSubscriptions() {
        return active.size();
    }

    @Override
    public void close() {
        for (FeedSubscription subscription : new ArrayList<>(active)) {
            subscription.close();
        }
    }
}

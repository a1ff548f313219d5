package dev.teto.data.mongo.internal.feed;

import com.mongodb.MongoException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.MongoErrors;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running subscription: its thread polls one change stream per collection in turn, hands each change to the
 * listener (again and again, with a growing pause, while it throws) and then stores the change's resume token. When
 * the server goes away the streams are reopened from the stored tokens, with a growing pause.
 *
 * <p>A subscriber seen for the first time starts at the server's current operation time (a few seconds back when
 * the server does not say), stored at once, so changes made after {@code subscribe} returns are never skipped even
 * if the subscription closes before its first change.
 */
final class FeedSubscription implements ChangeFeed.Subscription, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSubscription.class);
    private static final Duration MAX_AWAIT = Duration.ofMillis(100);
    private static final Duration IDLE_PAUSE = Duration.ofMillis(20);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(10);

    private final MongoDatabase db;
    private final MongoCollection<Document> oplog;
    private final MongoCollection<BsonDocument> positions;
    private final String subscriber;
    private final List<String> collections;
    private final ChangeFeed.Listener listener;
    private final Consumer<FeedSubscription> onClose;
    private final Map<String, MongoChangeStreamCursor<ChangeStreamDocument<Document>>> cursors = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    FeedSubscription(MongoDatabase db, MongoCollection<Document> oplog, String subscriber, List<String> collections, ChangeFeed.Listener listener,
            Consumer<FeedSubscription> onClose) {
        this.db = db;
        this.oplog = oplog;
        this.positions = db.getCollection(CollectionNames.FEED_POSITIONS, BsonDocument.class);
        this.subscriber = subscriber;
        this.collections = collections;
        this.listener = listener;
        this.onClose = onClose;
        this.thread = new Thread(this, "teto-mongo-feed-" + subscriber);
        this.thread.setDaemon(true);
    }

    String subscriber() {
        return subscriber;
    }

    /** Records a start position for every collection this subscriber has none for, then starts the thread. */
    void start() {
        MongoErrors.run("subscribe to the change feed", () -> {
            BsonTimestamp startAt = serverTime();
            for (String collection : collections) {
                positions.updateOne(Filters.eq("_id", positionId(collection)),
                        Updates.combine(Updates.setOnInsert("start_at", startAt),
                                Updates.setOnInsert("subscriber", new BsonString(subscriber)),
                                Updates.setOnInsert("collection", new BsonString(collection))),
                        new UpdateOptions().upsert(true));
            }
        });
        thread.start();
    }

    /**
     * Where a new subscriber starts: the server's operation time when it reports one (a replica set does), else just
     * after the newest oplog entry (the stand-in), else this machine's clock minus 5 s (a duplicate or two is
     * allowed; a loss is not).
     */
    private BsonTimestamp serverTime() {
        Document pong = db.runCommand(new Document("ping", 1));
        if (pong.get("operationTime") instanceof BsonTimestamp ts) {
            return ts;
        }
        BsonTimestamp newest = ClusterClock.newestOplogEntry(oplog);
        if (newest != null) {
            return new BsonTimestamp(newest.getTime(), newest.getInc() + 1);
        }
        return new BsonTimestamp((int) (System.currentTimeMillis() / 1000 - 5), 0);
    }

    @Override
    public void run() {
        Duration pause = FIRST_RETRY;
        while (running) {
            try {
                openStreams();
                pause = FIRST_RETRY;
                pollUntilClosed();
            } catch (MongoException e) {
                LOG.warn("change feed {}: stream failed ({}); reopening in {} ms", subscriber,
                        e.getClass().getSimpleName(), pause.toMillis());
                closeStreams();
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            } catch (RuntimeException e) {
                LOG.error("change feed {}: unexpected failure ({}); reopening in {} ms", subscriber,
                        e.getClass().getName(), MAX_RETRY.toMillis(), e);
                closeStreams();
                sleep(MAX_RETRY);
            }
        }
        closeStreams();
    }

    private void pollUntilClosed() {
        while (running) {
            boolean any = false;
            for (String collection : collections) {
                ChangeStreamDocument<Document> event = cursors.get(collection).tryNext();
                if (event != null && running) {
                    any = true;
                    if (!deliver(collection, event)) {
                        return;   // closed while the listener kept failing: not acknowledged
                    }
                }
            }
            if (!any) {
                sleep(IDLE_PAUSE);
            }
        }
    }

    /** @return true when acknowledged (the listener returned, or there was nothing to deliver) */
    private boolean deliver(String collection, ChangeStreamDocument<Document> event) {
        ContentChange change = ChangeEvents.toChange(collection, event);
        if (change != null) {
            Duration pause = FIRST_RETRY;
            while (true) {
                try {
                    listener.onChange(change);
                    break;
                } catch (Exception e) {
                    if (!running) {
                        return false;
                    }
                    LOG.warn("change feed {}: listener failed on a change of {} ({}); offering it again in {} ms",
                            subscriber, collection, e.getClass().getSimpleName(), pause.toMillis());
                    sleep(pause);
                    pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
                }
            }
        }
        BsonDocument token = event.getResumeToken();
        positions.updateOne(Filters.eq("_id", positionId(collection)),
                Updates.combine(Updates.set("token", token), Updates.unset("start_at"),
                        Updates.set("updated_at", new BsonDateTime(System.currentTimeMillis()))));
        return true;
    }

    private void openStreams() {
        for (String collection : collections) {
            BsonDocument position = positions.find(Filters.eq("_id", positionId(collection))).first();
            ChangeStreamIterable<Document> stream = db.getCollection(collection).watch()
                    .fullDocument(FullDocument.UPDATE_LOOKUP)
                    .maxAwaitTime(MAX_AWAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (position != null && position.isDocument("token")) {
                stream = stream.resumeAfter(position.getDocument("token"));
            } else if (position != null && position.isTimestamp("start_at")) {
                stream = stream.startAtOperationTime(position.getTimestamp("start_at"));
            }
            cursors.put(collection, stream.cursor());
        }
    }

    private void closeStreams() {
        for (MongoChangeStreamCursor<?> cursor : cursors.values()) {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a change stream failed: {}", e.getClass().getSimpleName());
            }
        }
        cursors.clear();
    }

    private String positionId(String collection) {
        return subscriber + "|" + collection;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long lag() {
        return -1;   // change streams do not tell how far behind a cursor is
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_WAIT.toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(JOIN_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.accept(this);
    }
}

package dev.teto.data.mongo.internal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ServerApi;
import com.mongodb.ServerApiVersion;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.search.ContentSource;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.mongo.MongoOptions;
import dev.teto.data.mongo.internal.codec.ContentCodecs;
import dev.teto.data.mongo.internal.feed.MongoChangeFeed;
import dev.teto.data.mongo.internal.feed.MongoContentSource;
import dev.teto.data.mongo.internal.privacy.MongoPersonalData;
import dev.teto.data.mongo.internal.repo.MongoBehavioralPatternRepository;
import dev.teto.data.mongo.internal.repo.MongoCohortAnalyticsRepository;
import dev.teto.data.mongo.internal.repo.MongoCommunityPostRepository;
import dev.teto.data.mongo.internal.repo.MongoFeedbackRepository;
import dev.teto.data.mongo.internal.repo.MongoInsightRepository;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One open MongoDB store: the client (its pool), the collections and indexes ensured, the capabilities probed, the
 * repositories and the change feed. A second, one-connection client answers health checks within their own short
 * timeout, so a health probe never waits behind the pool or for the main server selection timeout.
 */
public final class MongoStore implements StoreProvider.OpenStore {
    private static final Logger LOG = LoggerFactory.getLogger(MongoStore.class);
    static final String HEALTH_NAME = "mongo";

    private final MongoOptions options;
    private final MongoClient client;
    private final MongoClient healthClient;
    private final MongoDatabase db;
    private final StoreCapabilities capabilities;
    private final MongoChangeFeed feed;
    private final MongoContentSource contentSource;

    private MongoStore(MongoOptions options, MongoClient client, MongoClient healthClient, MongoDatabase db,
            StoreCapabilities capabilities) {
        this.options = options;
        this.client = client;
        this.healthClient = healthClient;
        this.db = db;
        this.capabilities = capabilities;
        MongoCollection<Document> oplog = client.getDatabase("local").getCollection("oplog.rs");
        this.feed = new MongoChangeFeed(db, oplog, capabilities.changeStreams());
        this.contentSource = new MongoContentSource(db, oplog);
    }

    public static MongoStore open(MongoOptions options) {
        MongoClient client = MongoClients.create(settings(options, options.serverSelectionTimeout(),
                options.connectTimeout(), options.socketTimeout(), options.maxPoolSize(), options.minPoolSize()));
        MongoClient healthClient = null;
        try {
            Duration h = options.healthTimeout();
            healthClient = MongoClients.create(settings(options, h, h, h, 1, 0));
            MongoDatabase db = client.getDatabase(options.database());
            MongoErrors.run("ping", () -> db.runCommand(new Document("ping", 1)));
            if (options.createIndexes()) {
                MongoErrors.run("create indexes", () -> IndexPlan.ensure(db));
            }
            StoreCapabilities capabilities = StoreCapabilities.probe(db);
            LOG.info("mongo store opened on database {}", options.database());
            return new MongoStore(options, client, healthClient, db, capabilities);
        } catch (RuntimeException e) {
            client.close();
            if (healthClient != null) {
                healthClient.close();
            }
            throw e;
        }
    }

    static MongoClientSettings settings(MongoOptions o, Duration selection, Duration connect, Duration read, int maxPool,
            int minPool) {
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(o.connectionString()))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applicationName(o.applicationName())
                .applyToClusterSettings(c -> c.serverSelectionTimeout(selection.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) read.toMillis(), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(p -> p.maxSize(maxPool).minSize(minPool)
                        .maxWaitTime(o.maxWaitTime().toMillis(), TimeUnit.MILLISECONDS));
        if (o.tls()) {
            // on top of the connection string's own tls=true: the option turns TLS on, never off
            b.applyToSslSettings(ssl -> {
                ssl.enabled(true).invalidHostNameAllowed(false);
                if (o.sslContext() != null) {
                    ssl.context(o.sslContext());
                }
            });
        }
        if (o.serverApi()) {
            b.serverApi(ServerApi.builder().version(ServerApiVersion.V1).build());
        }
        return b.build();
    }

    public StoreCapabilities capabilities() {
        return capabilities;
    }

    public void registerWith(CapabilityRegistry registry) {
        MongoDatabase typed = ContentCodecs.on(db);
        registry.register(FeedbackRepository.class, new MongoFeedbackRepository(typed));
        registry.register(CommunityPostRepository.class,
                new MongoCommunityPostRepository(typed, options.commentCap(), capabilities.textSearch()));
        registry.register(InsightRepository.class, new MongoInsightRepository(typed));
        registry.register(BehavioralPatternRepository.class, new MongoBehavioralPatternRepository(typed, options.anomalyCap()));
        registry.register(CohortAnalyticsRepository.class, new MongoCohortAnalyticsRepository(typed));
        registry.register(ChangeFeed.class, feed);
        // what the feed follows, as it is now: core rebuilds and reconciles content_search from it
        registry.register(ContentSource.class, contentSource);
        registry.health(this::health);
        registry.personalData(new MongoPersonalData(db));
    }

    private ComponentHealth health() {
        long t0 = System.nanoTime();
        try {
            healthClient.getDatabase(options.database()).runCommand(new Document("ping", 1));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            return ComponentHealth.up(HEALTH_NAME, Map.of("ping_ms", millis, "text_search", capabilities.textSearch(),
                    "change_streams", capabilities.changeStreams(), "change_feed_subscriptions", feed.activeSubscriptions()));
        } catch (MongoException | IllegalStateException e) {
            return ComponentHealth.down(HEALTH_NAME, "ping failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        try {
            feed.close();
        } finally {
            client.close();
            healthClient.close();
            LOG.info("mongo store closed");
        }
    }
}

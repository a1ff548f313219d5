package dev.teto.data.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MongoDB fixture a {@link TetoDataTest} class gets: a database of its own, {@code t_<hint>_<8 hex>}, in the
 * {@linkplain MongoServers#shared() shared server}, dropped by {@link #close()}. Its {@link #settings()} configure
 * the {@code TetoData} ({@code mongo.uri}, {@code mongo.database} and short timeouts).
 */
public final class TestMongo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestMongo.class);

    private final MongoTestServer server;
    private final String database;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestMongo(MongoTestServer server, String database) {
        this.server = server;
        this.database = database;
    }

    static TestStore.StoreFixture open(String nameHint) {
        TestMongo mongo = create(nameHint);
        return new TestStore.StoreFixture(mongo, mongo.settings(), mongo);
    }

    /** A new database name in the shared server (starting it if needed); MongoDB creates it on first write. */
    public static TestMongo create(String nameHint) {
        return new TestMongo(MongoServers.shared(), SchemaNames.newSchemaName(nameHint));
    }

    public String connectionString() {
        return server.connectionString();
    }

    public String database() {
        return database;
    }

    public MongoTestServer server() {
        return server;
    }

    /**
     * Settings for {@code TetoData.builder().configure(...)}: this URI and database, server selection and connect
     * timeouts of 3 s (so an outage test fails fast) and a pool of 20. Copy the map to change or add keys.
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mongo.uri", server.connectionString());
        settings.put("mongo.database", database);
        settings.put("mongo.server-selection-timeout", "PT3S");
        settings.put("mongo.connect-timeout", "PT3S");
        settings.put("mongo.socket-timeout", "PT30S");
        settings.put("mongo.pool.max", "20");
        return settings;
    }

    /** Drops the database. Idempotent; a server that is down (an outage test) is logged, not thrown. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            MongoPing.with(server.connectionString(), client -> client.getDatabase(database).drop());
        } catch (RuntimeException e) {
            LOG.warn("Could not drop test database {}: {}", database, e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "TestMongo[" + database + " in " + server + "]";
    }
}

package dev.teto.data.testing;

import java.util.Objects;

/**
 * A running MongoDB server tests may use: {@link MongoServers#shared()}. Only the embedded stand-in can be stopped
 * and started again ({@link #canRestart()}), for outage tests; it comes back empty (memory backend) on the same port.
 */
public class MongoTestServer {
    /** Named by {@code TETO_MONGO_URI}: a real mongod (or whatever the URI points at), not started by us. */
    public static final String KIND_EXTERNAL = "external";
    /** A {@code mongo:6} container. */
    public static final String KIND_TESTCONTAINERS = "testcontainers";
    /** The mongo-java-server stand-in. */
    public static final String KIND_EMBEDDED = "embedded";

    private final String connectionString;
    private final String kind;

    MongoTestServer(String connectionString, String kind) {
        this.connectionString = Objects.requireNonNull(connectionString);
        this.kind = kind;
    }

    static MongoTestServer external(String uri) {
        return new MongoTestServer(uri, KIND_EXTERNAL);
    }

    public String connectionString() {
        return connectionString;
    }

    public String kind() {
        return kind;
    }

    /** True for a real mongod (external or container): {@code $text} and, on a replica set, transactions work. */
    public boolean isRealMongod() {
        return !KIND_EMBEDDED.equals(kind);
    }

    public boolean canRestart() {
        return false;
    }

    /** Stops accepting and drops every connection. Only where {@link #canRestart()}. */
    public void stop() {
        throw new UnsupportedOperationException("only the embedded stand-in can be stopped by a test");
    }

    /** Starts again on the same port, empty. Only where {@link #canRestart()}. */
    public void restart() {
        throw new UnsupportedOperationException("only the embedded stand-in can be restarted by a test");
    }

    @Override
    public String toString() {
        return "MongoTestServer[" + kind + "]";
    }
}

package dev.teto.data.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The mongo-java-server stand-in (memory backend, oplog on for change streams) on 127.0.0.1. The only class that
 * touches mongo-java-server, so its absence from a classpath costs nothing until the embedded server is needed.
 */
final class EmbeddedMongo extends MongoTestServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final int port;
    private MongoServer server;

    private EmbeddedMongo(MongoServer server, int port) {
        super("mongodb://127.0.0.1:" + port, KIND_EMBEDDED);
        this.server = server;
        this.port = port;
    }

    static EmbeddedMongo start() {
        quietServerLogs();
        long t0 = System.nanoTime();
        MongoServer server = newServer();
        InetSocketAddress address = server.bind();
        EmbeddedMongo embedded = new EmbeddedMongo(server, address.getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::shutdown, "teto-mongo-embedded-shutdown"));
        LOG.info("Embedded MongoDB stand-in (mongo-java-server) started in {} ms on port {}",
                (System.nanoTime() - t0) / 1_000_000, address.getPort());
        return embedded;
    }

    /**
     * The stand-in logs a WARN for every non-unique index it will not build, and an ERROR with a stack trace for each
     * {@code $text} it cannot run: noise in test output. Effective with slf4j-simple (read per logger at creation);
     * with another binding, set its level for {@code de.bwaldvogel} yourself.
     */
    private static void quietServerLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.de.bwaldvogel") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel", "off");
        }
    }

    private static MongoServer newServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.enableOplog();
        return server;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
            LOG.info("Embedded MongoDB stand-in stopped (test outage)");
        }
    }

    @Override
    public synchronized void restart() {
        if (server == null) {
            MongoServer next = newServer();
            next.bind("127.0.0.1", port);
            server = next;
            LOG.info("Embedded MongoDB stand-in started again on port {}", port);
        }
    }

    private synchronized void shutdown() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }
}

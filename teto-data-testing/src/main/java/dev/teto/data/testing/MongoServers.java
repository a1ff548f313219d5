package dev.teto.data.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Paths;
import java.util.function.UnaryOperator;

/**
 * The MongoDB server shared by every test in this JVM. {@link #shared()} picks, once per JVM:
 * <ol>
 *   <li>an external server, when system property {@code teto.mongo.uri} or env var {@code TETO_MONGO_URI} gives a
 *       {@code mongodb://} URI (a system property wins over its env var); never stopped by us;</li>
 *   <li>a Testcontainers {@code mongo:6} container, started as a one-member replica set (change streams and
 *       transactions need one), when a Docker engine answers (off with {@code TETO_TESTCONTAINERS=false});</li>
 *   <li>the embedded stand-in, {@code de.bwaldvogel:mongo-java-server} with its memory backend and oplog (for change
 *       streams). It is not mongod: no {@code $text}, no transactions, indexes other than unique ones are listed but
 *       never built.</li>
 * </ol>
 * A server started here is stopped by a JVM shutdown hook.
 */
public final class MongoServers {
    private static final Logger LOG = LoggerFactory.getLogger(MongoServers.class);
    private static final Object LOCK = new Object();
    private static volatile MongoTestServer shared;
    private static RuntimeException failure;

    private MongoServers() {
    }

    /**
     * Starts the server on first call (thread-safe) and returns the same instance ever after.
     *
     * @throws IllegalStateException when no server could be had; later calls fail the same way without retrying
     */
    public static MongoTestServer shared() {
        MongoTestServer server = shared;
        if (server != null) {
            return server;
        }
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (failure != null) {
                throw new IllegalStateException("The shared MongoDB server failed to start earlier in this JVM", failure);
            }
            try {
                shared = start(System::getProperty, System::getenv);
                return shared;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }

    private static MongoTestServer start(UnaryOperator<String> sysProps, UnaryOperator<String> env) {
        String uri = setting(sysProps, env, "teto.mongo.uri", "TETO_MONGO_URI");
        if (uri != null) {
            uri = uri.trim();
            if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
                throw new IllegalArgumentException("TETO_MONGO_URI / teto.mongo.uri must be a mongodb:// URI");
            }
            MongoTestServer server = MongoTestServer.external(uri);
            MongoPing.check(server.connectionString(), "External MongoDB (TETO_MONGO_URI / teto.mongo.uri)");
            LOG.info("Using external MongoDB");
            return server;
        }
        if (PostgresServers.testcontainersAllowed(sysProps, env)
                && PostgresServers.dockerHinted(env, Paths.get(System.getProperty("user.home", "")))
                && TestcontainersLauncher.dockerAvailable()) {
            return MongoContainerLauncher.start();
        }
        return EmbeddedMongo.start();
    }

    private static String setting(UnaryOperator<String> sysProps, UnaryOperator<String> env, String property,
            String envVar) {
        String value = sysProps.apply(property);
        if (value != null && !value.isBlank()) {
            return value;
        }
        value = env.apply(envVar);
        return value != null && !value.isBlank() ? value : null;
    }
}

package dev.teto.data.testing;

import java.nio.file.Paths;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch server shared by every test in this JVM. {@link #shared()} picks, once per JVM:
 * <ol>
 *   <li>an external server, when {@code teto.es.url} / {@code TETO_ES_URL} names one ({@code http://host:9200});</li>
 *   <li>an Elasticsearch 8 container (Testcontainers), when a Docker engine answers (switch off with
 *       {@code TETO_TESTCONTAINERS=false});</li>
 *   <li>an in-JVM Elasticsearch 7.17 node from its Maven Central jars ({@link EmbeddedSearchNode}), which answers
 *       the 8.x client in compatibility mode. Its jars are under the Elastic License 2.0 / SSPL: test scope only.</li>
 * </ol>
 * A server started here is stopped by a JVM shutdown hook, which also deletes its home directory.
 */
public final class SearchServers {
    private static final Logger LOG = LoggerFactory.getLogger(SearchServers.class);
    private static final Object LOCK = new Object();
    private static volatile SearchServer shared;
    private static RuntimeException failure;

    private SearchServers() {
    }

    /** A running server: where it listens and, for the embedded node, how to stop and restart it. */
    public interface SearchServer {
        String KIND_EXTERNAL = "external";
        String KIND_TESTCONTAINERS = "testcontainers";
        String KIND_EMBEDDED = "embedded";

        /** {@code http://127.0.0.1:<port>}. */
        String url();

        String kind();

        /** Whether {@link #stop()} and {@link #start()} work (the embedded node only). */
        default boolean restartable() {
            return false;
        }

        /** Stops the server, keeping its data, so that calls fail as if it were down. */
        default void stop() {
            throw new UnsupportedOperationException("only the embedded node can be stopped by a test");
        }

        /** Starts it again on the same port, with the same data. */
        default void start() {
            throw new UnsupportedOperationException("only the embedded node can be restarted by a test");
        }
    }

    public static SearchServer shared() {
        SearchServer server = shared;
        if (server != null) {
            return server;
        }
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (failure != null) {
                throw new IllegalStateException("The shared Elasticsearch server failed to start earlier in this JVM", failure);
            }
            try {
                shared = start(System::getProperty, System::getenv);
                LOG.info("Elasticsearch for tests: {} at {}", shared.kind(), shared.url());
                return shared;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } catch (Exception e) {
                failure = new IllegalStateException("Could not start an Elasticsearch server for tests: " + e, e);
                throw failure;
            }
        }
    }

    private static SearchServer start(UnaryOperator<String> sysProps, UnaryOperator<String> env) throws Exception {
        String url = sysProps.apply("teto.es.url") != null ? sysProps.apply("teto.es.url") : env.apply("TETO_ES_URL");
        if (url != null && !url.isBlank()) {
            String u = url.trim();
            if (!u.toLowerCase(Locale.ROOT).startsWith("http://") && !u.toLowerCase(Locale.ROOT).startsWith("https://")) {
                throw new IllegalArgumentException("TETO_ES_URL / teto.es.url must be an http(s) URL");
            }
            String trimmed = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
            return new SearchServer() {
                @Override
                public String url() {
                    return trimmed;
                }

                @Override
                public String kind() {
                    return KIND_EXTERNAL;
                }
            };
        }
        if (PostgresServers.testcontainersAllowed(sysProps, env)
                && PostgresServers.dockerHinted(env, Paths.get(System.getProperty("user.home", "")))
                && TestcontainersLauncher.dockerAvailable()) {
            return SearchContainerLauncher.start();
        }
        return EmbeddedSearchNode.launch();
    }
}

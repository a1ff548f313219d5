package dev.teto.data.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.reindex.ReindexPlugin;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.Netty4Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch 7.17 node inside this JVM, from its Maven Central jars (the only ES server Central serves
 * with an HTTP transport), with the Netty 4 HTTP transport and the reindex module. It answers the 8.x client's
 * {@code compatible-with=8} requests with the {@code X-Elastic-Product} header, so the production client talks to
 * it unchanged. Its home lives under {@code target/} (else the temp dir) and is deleted when the JVM exits.
 *
 * <p>The Elasticsearch jars are under the Elastic License 2.0 / SSPL, not Apache-2.0: test scope only.
 */
final class EmbeddedSearchNode implements SearchServers.SearchServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSearchNode.class);

    private final Path home;
    private final int port;
    private Node node;

    private EmbeddedSearchNode(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Plugins go through the protected constructor. */
    private static final class PluginNode extends Node {
        PluginNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "teto-es"), plugins, true);
        }
    }

    static EmbeddedSearchNode launch() throws IOException {
        Path parent = Files.isDirectory(Paths.get("target")) ? Paths.get("target").toAbsolutePath() : TempDirs.systemTempDir();
        Path home = Files.createTempDirectory(parent, "teto-es-");
        EmbeddedSearchNode server = new EmbeddedSearchNode(home, freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "teto-es-shutdown"));
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public synchronized void start() {
        if (node != null) {
            return;
        }
        long t0 = System.nanoTime();
        // Netty's processor count is JVM-global: another Netty user in the JVM (mongo-java-server, a driver) may have
        // set it first, and Elasticsearch would then refuse to start.
        System.setProperty("es.set.netty.runtime.available.processors", "false");
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("cluster.name", "teto")
                .put("node.name", "teto-es")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", port)
                .put("transport.port", 0)
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                .build();
        Node started = new PluginNode(settings, List.of(Netty4Plugin.class, ReindexPlugin.class));
        try {
            started.start();
            started.client().admin().cluster().prepareHealth().setWaitForYellowStatus().get();
        } catch (Exception e) {
            closeQuietly(started);
            throw new IllegalStateException("the embedded Elasticsearch node did not start: " + e, e);
        }
        int bound = started.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        if (bound != port) {
            closeQuietly(started);
            throw new IllegalStateException("the embedded Elasticsearch node bound " + bound + ", not " + port);
        }
        node = started;
        LOG.info("Embedded Elasticsearch 7.17 node up on port {} in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public synchronized void stop() {
        if (node != null) {
            closeQuietly(node);
            node = null;
            LOG.info("Embedded Elasticsearch node stopped (data kept)");
        }
    }

    private void shutdown() {
        stop();
        try {
            TempDirs.deleteRecursively(home);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {}: {}", home, e.toString());
        }
    }

    private static void closeQuietly(Node n) {
        try {
            n.close();
            n.awaitClose(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Closing the embedded Elasticsearch node: {}", e.toString());
        }
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String kind() {
        return KIND_EMBEDDED;
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public String toString() {
        return "SearchServer[embedded 7.17 " + url() + "]";
    }
}

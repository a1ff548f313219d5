package dev.teto.data.testing;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis servers shared by every test in this JVM, each started on first use and stopped by a shutdown hook.
 *
 * <p>{@link #sharedUri()} picks, once per JVM:
 * <ol>
 *   <li>an external server: system property {@code teto.redis.url} or env var {@code TETO_REDIS_URL}
 *       ({@code redis://host:port}); never stopped by us;</li>
 *   <li>a Testcontainers {@code redis:7} container, when a Docker engine answers (off with
 *       {@code TETO_TESTCONTAINERS=false});</li>
 *   <li>an {@link EmbeddedRedis} (Redis 7.0.15).</li>
 * </ol>
 *
 * <p>{@link #clusterNodes()} gives a Redis Cluster: {@code teto.redis.cluster-nodes} / {@code
 * TETO_REDIS_CLUSTER_NODES} ({@code host:port,...}) when set, else three embedded masters formed into a cluster
 * here (slots split in thirds), about 2–5 s. It is only started when a test asks for it.
 */
public final class RedisServers {
    public static final String KIND_EXTERNAL = "external";
    public static final String KIND_TESTCONTAINERS = "testcontainers";
    public static final String KIND_EMBEDDED = "embedded";

    private static final Duration FORM_WAIT = Duration.ofSeconds(30);
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(RedisServers.class);

    private static final Object LOCK = new Object();
    private static String sharedUri;
    private static String sharedKind;
    private static RuntimeException sharedFailure;
    private static List<String> cluster;
    private static RuntimeException clusterFailure;

    private RedisServers() {
    }

    /** The shared standalone server's {@code redis://} URI, starting it on first call. */
    public static String sharedUri() {
        synchronized (LOCK) {
            if (sharedUri != null) {
                return sharedUri;
            }
            if (sharedFailure != null) {
                throw new IllegalStateException("The shared Redis server failed to start earlier in this JVM",
                        sharedFailure);
            }
            try {
                String external = setting("teto.redis.url", "TETO_REDIS_URL");
                if (external != null) {
                    sharedKind = KIND_EXTERNAL;
                    sharedUri = external.trim();
                    LOG.info("Using external Redis from TETO_REDIS_URL");
                } else if (PostgresServers.testcontainersAllowed(System::getProperty, System::getenv)
                        && PostgresServers.dockerHinted(System::getenv, Paths.get(System.getProperty("user.home", "")))
                        && TestcontainersLauncher.dockerAvailable()) {
                    sharedKind = KIND_TESTCONTAINERS;
                    sharedUri = RedisTestcontainers.start();
                } else {
                    sharedKind = KIND_EMBEDDED;
                    sharedUri = EmbeddedRedis.start().uri();
                }
                return sharedUri;
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
    }

    /** {@code external}, {@code testcontainers} or {@code embedded}: what {@link #sharedUri()} runs on. */
    public static String sharedKind() {
        sharedUri();
        synchronized (LOCK) {
            return sharedKind;
        }
    }

    /** Seed nodes ({@code redis://127.0.0.1:<port>}) of the shared cluster, forming it on first call. */
    public static List<String> clusterNodes() {
        synchronized (LOCK) {
            if (cluster != null) {
                return cluster;
            }
            if (clusterFailure != null) {
                throw new IllegalStateException("The shared Redis Cluster failed to start earlier in this JVM",
                        clusterFailure);
            }
            try {
                String external = setting("teto.redis.cluster-nodes", "TETO_REDIS_CLUSTER_NODES");
                if (external != null) {
                    cluster = Arrays.stream(external.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .map(s -> s.contains("://") ? s : "redis://" + s).toList();
                } else {
                    cluster = formCluster();
                }
                return cluster;
            } catch (RuntimeException e) {
                clusterFailure = e;
                throw e;
            }
        }
    }

    /**
     * Three masters from the embedded binary in cluster mode, formed with plain commands (there is no
     * {@code redis-cli} here): CLUSTER MEET from the first node, ADDSLOTSRANGE per third, then wait for
     * {@code cluster_state:ok} on every node.
     */
    private static List<String> formCluster() {
        long t0 = System.nanoTime();
        List<EmbeddedRedis> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(EmbeddedRedis.start(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                    "nodes.conf", "--cluster-node-timeout", "2000")));
        }
        int[][] slots = {{0, 5460}, {5461, 10922}, {10923, 16383}};
        try {
            for (int i = 1; i < nodes.size(); i++) {
                expectOk(Resp.command(nodes.get(0).port(), COMMAND_WAIT, "CLUSTER", "MEET", "127.0.0.1",
                        Integer.toString(nodes.get(i).port())));
            }
            for (int i = 0; i < nodes.size(); i++) {
                expectOk(Resp.command(nodes.get(i).port(), COMMAND_WAIT, "CLUSTER", "ADDSLOTSRANGE",
                        Integer.toString(slots[i][0]), Integer.toString(slots[i][1])));
            }
            long deadline = System.nanoTime() + FORM_WAIT.toNanos();
            for (EmbeddedRedis node : nodes) {
                while (true) {
                    String info = Resp.command(node.port(), COMMAND_WAIT, "CLUSTER", "INFO");
                    if (info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3")) {
                        break;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the embedded Redis Cluster did not form within " + FORM_WAIT);
                    }
                    EmbeddedRedis.sleep(Duration.ofMillis(100));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            nodes.forEach(EmbeddedRedis::close);
            throw new IllegalStateException("Could not form the embedded Redis Cluster: " + e, e);
        }
        LOG.info("Embedded Redis Cluster of 3 masters formed in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return nodes.stream().map(EmbeddedRedis::uri).toList();
    }

    private static void expectOk(String reply) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("unexpected reply while forming the cluster: " + reply);
        }
    }

    private static String setting(String property, String envVar) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank()) {
            return value;
        }
        value = System.getenv(envVar);
        return value != null && !value.isBlank() ? value : null;
    }
}

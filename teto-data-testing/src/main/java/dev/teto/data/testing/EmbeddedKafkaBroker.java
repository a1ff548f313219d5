package dev.teto.data.testing;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker (broker and controller in one) from {@code kafka_2.13}, in this JVM. Only this class
 * touches the broker's classes, so a test classpath without them pays nothing unless it is used. Its data lives in
 * a fresh temp directory, deleted when the JVM exits; stop and start keep the ports and the data.
 */
final class EmbeddedKafkaBroker implements KafkaBroker {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    static final String ROOT_PREFIX = "teto-kafka-";

    private final Path root;
    private final Properties config;
    private final String bootstrap;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path root, Properties config, String bootstrap) {
        this.root = root;
        this.config = config;
        this.bootstrap = bootstrap;
    }

    static EmbeddedKafkaBroker startNew() throws IOException {
        Path root = Files.createTempDirectory(ROOT_PREFIX);
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", root.resolve("data").toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");   // created on the first group join: fewer partitions, faster
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("num.partitions", "1");
            p.put("default.replication.factor", "1");
            p.put("auto.create.topics.enable", "false");
            p.put("delete.topic.enable", "true");
            p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            Path file = root.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "teto-data test broker");
            }
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                    new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed: " + formatOutput.toString(StandardCharsets.UTF_8));
            }
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(root, p, "localhost:" + brokerPort);
            broker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::shutdownAndDelete, "teto-kafka-shutdown"));
            return broker;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(root);
            throw e;
        }
    }

    @Override
    public String bootstrap() {
        return bootstrap;
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
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long t0 = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        s.startup();
        server = s;
        awaitReady();
        LOG.info("in-process Kafka broker ready at {} in {} ms", bootstrap, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("in-process Kafka broker stopped");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the in-process Kafka broker did not answer within 60 s", e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private void shutdownAndDelete() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("could not stop the in-process Kafka broker: {}", e.toString());
        } finally {
            deleteQuietly(root);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            TempDirs.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}

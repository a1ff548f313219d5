package dev.teto.data.testing;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.util.List;

/**
 * A {@code mongo:6} container as a one-member replica set, so change streams and transactions work as in
 * production. The client connects directly ({@code directConnection=true}) to the mapped port.
 */
final class MongoContainerLauncher {
    static final String IMAGE = "mongo:6";
    private static final Logger LOG = LoggerFactory.getLogger(MongoContainerLauncher.class);

    private MongoContainerLauncher() {
    }

    static MongoTestServer start() {
        long t0 = System.nanoTime();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(27017)
                .withCommand("--replSet", "rs0", "--bind_ip_all")
                .waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 1));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                container.stop();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop MongoDB container: {}", e.toString());
            }
        }, "teto-mongo-container-shutdown"));
        String uri = "mongodb://" + container.getHost() + ":" + container.getMappedPort(27017) + "/?directConnection=true";
        MongoPing.with(uri, client -> client.getDatabase("admin").runCommand(new Document("replSetInitiate",
                new Document("_id", "rs0").append("members",
                        List.of(new Document("_id", 0).append("host", "localhost:27017"))))));
        waitForPrimary(uri);
        LOG.info("MongoDB container {} started in {} ms", IMAGE, (System.nanoTime() - t0) / 1_000_000);
        return new MongoTestServer(uri, MongoTestServer.KIND_TESTCONTAINERS);
    }

    private static void waitForPrimary(String uri) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            boolean[] primary = {false};
            MongoPing.with(uri, client -> primary[0] = Boolean.TRUE.equals(
                    client.getDatabase("admin").runCommand(new Document("isMaster", 1)).getBoolean("ismaster")));
            if (primary[0]) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the MongoDB container's primary", e);
            }
        }
        throw new IllegalStateException("the MongoDB container's replica set found no primary within 30 s");
    }
}

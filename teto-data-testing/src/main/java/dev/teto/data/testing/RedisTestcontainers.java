package dev.teto.data.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** Redis in a container; the only Redis class that touches Testcontainers. */
final class RedisTestcontainers {
    static final String IMAGE = "redis:7";

    private static final Logger LOG = LoggerFactory.getLogger(RedisTestcontainers.class);

    private RedisTestcontainers() {
    }

    /** Starts {@value #IMAGE} with no persistence, stopped by a shutdown hook; returns its {@code redis://} URI. */
    static String start() {
        long t0 = System.nanoTime();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(6379)
                .withCommand("redis-server", "--save", "", "--appendonly", "no");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                container.stop();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop the Redis container: {}", e.toString());
            }
        }, "teto-redis-container-shutdown"));
        String uri = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        LOG.info("Redis container {} started in {} ms", IMAGE, (System.nanoTime() - t0) / 1_000_000);
        return uri;
    }
}

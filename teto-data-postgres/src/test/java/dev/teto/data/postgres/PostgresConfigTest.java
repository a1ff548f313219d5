package dev.teto.data.postgres;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flat settings that used to pass validation and fail later, unnamed. */
class PostgresConfigTest {
    private final PostgresStoreProvider provider = new PostgresStoreProvider();

    private static Map<String, String> base() {
        Map<String, String> s = new HashMap<>();
        s.put("url", "jdbc:postgresql://localhost/db");
        s.put("password", "p@ss'w\"ord;--");
        return s;
    }

    @Test
    void aNullValueNamesItsKey() {
        Map<String, String> s = base();
        s.put("pool.max", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(s));
        assertTrue(e.getMessage().contains("postgres.pool.max"), e.getMessage());
    }

    @Test
    void aTimeoutPostgresCannotTakeIsRefusedNamingTheSetting() {
        Map<String, String> s = base();
        s.put("lock-timeout", "PT1000000H");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(s));
        assertTrue(e.getMessage().contains("postgres.lock-timeout"), e.getMessage());
        assertFalse(e.getMessage().contains("p@ss"), "never the password");
    }

    @Test
    void anApplicationNameWithControlCharactersIsRefused() {
        Map<String, String> s = base();
        s.put("application-name", "svc\u0000x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(s));
        assertTrue(e.getMessage().contains("postgres.application-name"), e.getMessage());
    }

    @Test
    void aMissingUrlNamesTheKey() {
        Map<String, String> s = base();
        s.remove("url");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(s));
        assertTrue(e.getMessage().contains("postgres.url"), e.getMessage());
    }

    @Test
    void theMinimumIdleErrorNamesPoolMinNotPoolMax() {
        Map<String, String> s = base();
        s.put("pool.min", "11");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(s));
        assertTrue(e.getMessage().startsWith("postgres.pool.min: "), e.getMessage());
    }

    @Test
    void passwordsKeepTheirSpaces() {
        Map<String, String> s = base();
        s.put("password", " two words ");
        assertTrue(provider.optionsFrom(s).password().equals(" two words "));
    }

    @Test
    void theActorKeyAndMigrationLoginAreReadAndNeverShown() {
        Map<String, String> s = base();
        byte[] key = new byte[32];
        key[0] = 7;
        s.put("actor-key", java.util.Base64.getEncoder().encodeToString(key));
        s.put("migration-user", "owner");
        s.put("migration-password", "secret-owner-pw");
        PostgresOptions o = provider.optionsFrom(s);
        assertTrue(java.util.Arrays.equals(key, o.actorKey()));
        assertTrue(o.migrationUser().equals("owner") && o.migrationPassword().equals("secret-owner-pw"));
        assertFalse(o.toString().contains("secret-owner-pw") || o.toString().contains("owner,"), o.toString());
    }

    @Test
    void aMalformedActorKeyNamesTheKeyNotTheValue() {
        Map<String, String> s = base();
        s.put("actor-key", "c2hvcnQ=");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(s));
        assertTrue(e.getMessage().contains("postgres.actor-key"), e.getMessage());
        assertFalse(e.getMessage().contains("c2hvcnQ"), e.getMessage());
    }

    @Test
    void aMigrationPasswordWithoutAUserIsRefused() {
        Map<String, String> s = base();
        s.put("migration-password", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(s));
        assertTrue(e.getMessage().contains("postgres.migration-user"), e.getMessage());
    }
}

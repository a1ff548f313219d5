package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PostgresOptions} and reading it from flat settings ({@link PostgresStoreProvider#optionsFrom}). */
class PostgresOptionsTest {
    private static final String URL = "jdbc:postgresql://localhost:5432/teto";

    private static PostgresOptions.Builder base() {
        return PostgresOptions.builder().jdbcUrl(URL);
    }

    @Test
    void builderIsImmutable() {
        PostgresOptions.Builder base = base();
        PostgresOptions.Builder other = base.schema("tenant_a");
        assertNotSame(base, other);
        assertEquals("public", base.build().schema());
        assertEquals("tenant_a", other.build().schema());

        PostgresOptions built = other.maximumPoolSize(3).build();
        PostgresOptions.Builder copy = built.toBuilder();
        PostgresOptions changed = copy.maximumPoolSize(7).schema("tenant_b").build();
        assertEquals(3, built.maximumPoolSize(), "changing a copy leaves the built options alone");
        assertEquals("tenant_a", built.schema());
        assertEquals(7, changed.maximumPoolSize());
        assertEquals("tenant_b", changed.schema());
        assertEquals("tenant_a", copy.build().schema(), "toBuilder() is itself immutable");
    }

    @Test
    void passwordNeverPrinted() {
        PostgresOptions options = base().username("mina").password("hunter2").build();
        assertFalse(options.toString().contains("hunter2"), options.toString());
        assertEquals("hunter2", options.password(), "the password is kept, only hidden from toString");
    }

    @Test
    void defaultsAreTheDocumentedConstants() {
        PostgresOptions o = base().build();
        assertEquals(URL, o.jdbcUrl());
        assertNull(o.dataSource());
        assertNull(o.username());
        assertNull(o.password());
        assertEquals(PostgresOptions.DEFAULT_SCHEMA, o.schema());
        assertEquals(PostgresOptions.DEFAULT_MAXIMUM_POOL_SIZE, o.maximumPoolSize());
        assertEquals(PostgresOptions.DEFAULT_MINIMUM_IDLE, o.minimumIdle());
        assertEquals(PostgresOptions.DEFAULT_CONNECTION_TIMEOUT, o.connectionTimeout());
        assertEquals(PostgresOptions.DEFAULT_LOGIN_TIMEOUT, o.loginTimeout());
        assertEquals(PostgresOptions.DEFAULT_CONNECT_TIMEOUT, o.connectTimeout());
        assertEquals(PostgresOptions.DEFAULT_SOCKET_TIMEOUT, o.socketTimeout());
        assertEquals(PostgresOptions.DEFAULT_STATEMENT_TIMEOUT, o.statementTimeout());
        assertEquals(PostgresOptions.DEFAULT_LOCK_TIMEOUT, o.lockTimeout());
        assertEquals(PostgresOptions.DEFAULT_MAX_LIFETIME, o.maxLifetime());
        assertEquals(PostgresOptions.DEFAULT_IDLE_TIMEOUT, o.idleTimeout());
        assertEquals(PostgresOptions.DEFAULT_KEEPALIVE_TIME, o.keepaliveTime());
        assertEquals(PostgresOptions.DEFAULT_LEAK_DETECTION_THRESHOLD, o.leakDetectionThreshold());
        assertEquals(PostgresOptions.DEFAULT_ACTIVITY_PARTITION_MONTHS_AHEAD, o.activityPartitionMonthsAhead());
        assertEquals(PostgresOptions.DEFAULT_APPLICATION_NAME, o.applicationName());
        assertTrue(o.runMigrations());
        assertNull(o.baselineVersion());
        assertNull(o.sslMode());
        assertNull(o.sslRootCert());

        // The values the README documents, so a changed constant is a deliberate, visible change.
        assertEquals("public", PostgresOptions.DEFAULT_SCHEMA);
        assertEquals(10, PostgresOptions.DEFAULT_MAXIMUM_POOL_SIZE);
        assertEquals(2, PostgresOptions.DEFAULT_MINIMUM_IDLE);
        assertEquals(Duration.ofSeconds(10), PostgresOptions.DEFAULT_CONNECTION_TIMEOUT);
        assertEquals(Duration.ofSeconds(10), PostgresOptions.DEFAULT_LOGIN_TIMEOUT);
        assertEquals(Duration.ofSeconds(10), PostgresOptions.DEFAULT_CONNECT_TIMEOUT);
        assertEquals(Duration.ofSeconds(60), PostgresOptions.DEFAULT_SOCKET_TIMEOUT);
        assertEquals(Duration.ofSeconds(30), PostgresOptions.DEFAULT_STATEMENT_TIMEOUT);
        assertEquals(Duration.ofSeconds(10), PostgresOptions.DEFAULT_LOCK_TIMEOUT);
        assertEquals(3, PostgresOptions.DEFAULT_ACTIVITY_PARTITION_MONTHS_AHEAD);
        assertEquals("teto-data", PostgresOptions.DEFAULT_APPLICATION_NAME);
    }

    @Test
    void badOptionsAreIllegalArgumentsNamingTheSetting() {
        assertBad("schema", b -> b.schema("Bad-Name"));
        assertBad("schema", b -> b.schema(null));
        assertBad("jdbcUrl", b -> b.jdbcUrl("jdbc:mysql://x"));
        assertBad("maximumPoolSize", b -> b.maximumPoolSize(0));
        assertBad("maximumPoolSize", b -> b.maximumPoolSize(1001));
        assertBad("minimumIdle", b -> b.minimumIdle(-1));
        assertBad("minimumIdle", b -> b.maximumPoolSize(2).minimumIdle(3));
        assertBad("connectionTimeout", b -> b.connectionTimeout(Duration.ZERO));
        assertBad("loginTimeout", b -> b.loginTimeout(Duration.ofSeconds(-1)));
        assertBad("connectTimeout", b -> b.connectTimeout(null));
        assertBad("socketTimeout", b -> b.socketTimeout(Duration.ZERO));
        assertBad("statementTimeout", b -> b.statementTimeout(Duration.ZERO));
        assertBad("lockTimeout", b -> b.lockTimeout(Duration.ofMillis(-5)));
        assertBad("maxLifetime", b -> b.maxLifetime(Duration.ZERO));
        assertBad("idleTimeout", b -> b.idleTimeout(Duration.ZERO));
        assertBad("keepaliveTime", b -> b.keepaliveTime(Duration.ZERO));
        assertBad("leakDetectionThreshold", b -> b.leakDetectionThreshold(Duration.ofSeconds(-1)));
        assertBad("sslMode", b -> b.sslMode("sometimes"));
        assertBad("activityPartitionMonthsAhead", b -> b.activityPartitionMonthsAhead(-1));
        assertBad("activityPartitionMonthsAhead", b -> b.activityPartitionMonthsAhead(121));
        assertBad("applicationName", b -> b.applicationName(" "));
        assertBad("applicationName", b -> b.applicationName("x".repeat(64)));

        // the boundaries themselves are fine
        base().maximumPoolSize(1000).minimumIdle(1000).activityPartitionMonthsAhead(0).applicationName("x".repeat(63))
                .leakDetectionThreshold(Duration.ZERO).sslMode("verify-full").build();
    }

    @Test
    void theSocketTimeoutMustExceedTheStatementTimeout() {
        assertBad("socketTimeout", b -> b.statementTimeout(Duration.ofSeconds(30)).socketTimeout(Duration.ofSeconds(30)));
        assertBad("socketTimeout", b -> b.statementTimeout(Duration.ofSeconds(90)));   // default socket timeout is 60 s
        PostgresOptions ok = base().statementTimeout(Duration.ofSeconds(30)).socketTimeout(Duration.ofSeconds(31)).build();
        assertEquals(Duration.ofSeconds(31), ok.socketTimeout());
    }

    @Test
    void exactlyOneOfJdbcUrlAndDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
                () -> PostgresOptions.builder().build());
        assertTrue(neither.getMessage().contains("jdbcUrl") && neither.getMessage().contains("dataSource"), neither.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> PostgresOptions.builder().jdbcUrl(URL).dataSource(ds).build());
        assertTrue(both.getMessage().contains("jdbcUrl") && both.getMessage().contains("dataSource"), both.getMessage());

        PostgresOptions host = PostgresOptions.builder().dataSource(ds).build();
        assertSame(ds, host.dataSource());
        assertNull(host.jdbcUrl());
        assertTrue(host.toString().contains("host DataSource"), host.toString());
    }

    @Test
    void noStoreConfiguredFailsAtBuildNamingTheOptionsToGive() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TetoData.builder().build());
        assertTrue(e.getMessage().contains("PostgresOptions"), e.getMessage());
    }

    @Test
    void providerReadsFlatSettings() {
        PostgresStoreProvider provider = new PostgresStoreProvider();
        assertEquals("postgres", provider.name());
        assertEquals(PostgresOptions.class, provider.optionsType());

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", URL);
        settings.put("user", "teto");
        settings.put("password", "s3cret");
        settings.put("schema", "tenant_a");
        settings.put("pool.max", "12");
        settings.put("pool.min", " 3 ");
        settings.put("connection-timeout", "PT5S");
        settings.put("login-timeout", "7000");
        settings.put("connect-timeout", "pt4s");
        settings.put("socket-timeout", "PT2M");
        settings.put("statement-timeout", "45000");
        settings.put("lock-timeout", "PT0.5S");
        settings.put("max-lifetime", "PT20M");
        settings.put("idle-timeout", "600000");
        settings.put("keepalive-time", "PT1M");
        settings.put("leak-detection-threshold", "PT30S");
        settings.put("ssl.mode", "require");
        settings.put("ssl.root-cert", "/etc/ssl/root.crt");
        settings.put("run-migrations", "false");
        settings.put("baseline-version", "3");
        settings.put("partitions-ahead", "6");
        settings.put("application-name", "checkout");

        PostgresOptions o = provider.optionsFrom(settings);
        assertEquals(URL, o.jdbcUrl());
        assertEquals("teto", o.username());
        assertEquals("s3cret", o.password());
        assertEquals("tenant_a", o.schema());
        assertEquals(12, o.maximumPoolSize());
        assertEquals(3, o.minimumIdle());
        assertEquals(Duration.ofSeconds(5), o.connectionTimeout(), "ISO-8601");
        assertEquals(Duration.ofSeconds(7), o.loginTimeout(), "milliseconds");
        assertEquals(Duration.ofSeconds(4), o.connectTimeout(), "ISO-8601 in lower case");
        assertEquals(Duration.ofMinutes(2), o.socketTimeout());
        assertEquals(Duration.ofSeconds(45), o.statementTimeout());
        assertEquals(Duration.ofMillis(500), o.lockTimeout());
        assertEquals(Duration.ofMinutes(20), o.maxLifetime());
        assertEquals(Duration.ofMinutes(10), o.idleTimeout());
        assertEquals(Duration.ofMinutes(1), o.keepaliveTime());
        assertEquals(Duration.ofSeconds(30), o.leakDetectionThreshold());
        assertEquals("require", o.sslMode());
        assertEquals("/etc/ssl/root.crt", o.sslRootCert());
        assertFalse(o.runMigrations());
        assertEquals("3", o.baselineVersion());
        assertEquals(6, o.activityPartitionMonthsAhead());
        assertEquals("checkout", o.applicationName());

        PostgresOptions minimal = provider.optionsFrom(Map.of("url", URL));
        assertEquals(PostgresOptions.DEFAULT_SCHEMA, minimal.schema(), "keys left out keep their defaults");
        assertEquals(PostgresOptions.DEFAULT_STATEMENT_TIMEOUT, minimal.statementTimeout());
        assertTrue(minimal.runMigrations());
    }

    @Test
    void providerRefusesUnknownKeysAndBadValuesNamingTheKeyButNeverTheValue() {
        PostgresStoreProvider provider = new PostgresStoreProvider();
        Map<String, String> unknown = new HashMap<>(Map.of("url", URL, "passwrod", "hunter2"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(unknown));
        assertTrue(typo.getMessage().contains("postgres.passwrod"), typo.getMessage());
        assertFalse(typo.getMessage().contains("hunter2"), typo.getMessage());

        assertBadSetting(provider, "pool.max", "hunter2");
        assertBadSetting(provider, "statement-timeout", "hunter2");
        assertBadSetting(provider, "socket-timeout", "PThunter2");
        assertBadSetting(provider, "run-migrations", "hunter2");
        // a value that parses but is out of range is refused by build(), naming the builder setting
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> provider.optionsFrom(Map.of("url", URL, "pool.max", "0")));
        assertTrue(range.getMessage().contains("maximumPoolSize"), range.getMessage());
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class,
                () -> provider.optionsFrom(Map.of("password", "hunter2")));
        assertFalse(noUrl.getMessage().contains("hunter2"), noUrl.getMessage());
    }

    private static void assertBadSetting(PostgresStoreProvider provider, String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.optionsFrom(Map.of("url", URL, key, value)), key);
        assertTrue(e.getMessage().contains("postgres." + key), e.getMessage());
        assertFalse(e.getMessage().contains(value), e.getMessage());
    }

    private static void assertBad(String setting, UnaryOperator<PostgresOptions.Builder> change) {
        Executable build = () -> change.apply(base()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build, setting);
        assertTrue(e.getMessage().contains(setting), () -> "expected the message to name " + setting + ": " + e.getMessage());
    }

    @Test
    void theActorKeyIs32BytesCopiedInAndOutAndNeverPrinted() {
        byte[] key = new byte[32];
        key[0] = 42;
        PostgresOptions o = base().actorKey(key).build();
        key[0] = 0;
        assertEquals(42, o.actorKey()[0], "copied in");
        o.actorKey()[0] = 1;
        assertEquals(42, o.actorKey()[0], "copied out");
        assertTrue(o.toString().contains("actorKey=****"), o.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base().actorKey(new byte[16]).build());
        assertTrue(e.getMessage().contains("actorKey"), e.getMessage());
    }

    @Test
    void migrationCredentialsNeedAUrl() {
        PostgresOptions withUrl = base().migrationCredentials("owner", "pw").build();
        assertEquals("owner", withUrl.migrationUser());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresOptions.builder()
                .dataSource(new PGSimpleDataSource()).migrationCredentials("owner", "pw").build());
        assertTrue(e.getMessage().contains("migrationCredentials"), e.getMessage());
    }
}

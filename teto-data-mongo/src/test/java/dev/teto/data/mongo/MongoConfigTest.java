package dev.teto.data.mongo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoConfigTest {
    private final MongoStoreProvider provider = new MongoStoreProvider();

    @Test
    void readsEveryKey() {
        MongoOptions o = provider.optionsFrom(Map.ofEntries(Map.entry("uri", "mongodb://u:secret@db:27017"),
                Map.entry("database", "teto"), Map.entry("server-api", "true"), Map.entry("connect-timeout", "PT2S"),
                Map.entry("socket-timeout", "4000"), Map.entry("server-selection-timeout", "PT3S"),
                Map.entry("pool.max", "7"), Map.entry("pool.min", "1"), Map.entry("pool.max-wait", "PT1S"),
                Map.entry("health-timeout", "PT1S"), Map.entry("comment-cap", "10"), Map.entry("anomaly-cap", "20"),
                Map.entry("create-indexes", "false"), Map.entry("application-name", "svc")));
        assertEquals("teto", o.database());
        assertTrue(o.serverApi());
        assertEquals(Duration.ofSeconds(4), o.socketTimeout());
        assertEquals(Duration.ofSeconds(3), o.serverSelectionTimeout());
        assertEquals(7, o.maxPoolSize());
        assertEquals(10, o.commentCap());
        assertEquals(20, o.anomalyCap());
        assertFalse(o.createIndexes());
        assertFalse(o.toString().contains("secret"));
    }

    @Test
    void defaultsAreBounded() {
        MongoOptions o = MongoOptions.builder().connectionString("mongodb://localhost").database("teto").build();
        assertEquals(MongoOptions.DEFAULT_SERVER_SELECTION_TIMEOUT, o.serverSelectionTimeout());
        assertEquals(MongoOptions.DEFAULT_SOCKET_TIMEOUT, o.socketTimeout());
        assertEquals(MongoOptions.DEFAULT_COMMENT_CAP, o.commentCap());
        assertFalse(o.serverApi());
    }

    @Test
    void errorsNameTheKeyNeverTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.optionsFrom(Map.of("uri", "postgres://secret", "database", "teto")));
        assertTrue(e.getMessage().startsWith("mongo.uri"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("uri", "mongodb://h", "database", "a b")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(
                Map.of("uri", "mongodb://h", "database", "a", "pool.max", "x"))).getMessage().contains("mongo.pool.max"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(
                Map.of("uri", "mongodb://h", "database", "a", "bogus", "1"))).getMessage().contains("mongo.bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(
                Map.of("uri", "mongodb://h", "database", "a", "comment-cap", "0"))).getMessage().startsWith("mongo.comment-cap"));
    }

    @Test
    void flagsAndWaitsTheDriverCannotTakeAreRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(
                Map.of("uri", "mongodb://h", "database", "a", "server-api", "1"))).getMessage()
                .startsWith("mongo.server-api must be true or false"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(
                Map.of("uri", "mongodb://h", "database", "a", "socket-timeout", "P30D"))).getMessage()
                .startsWith("mongo.socket-timeout: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(
                Map.of("uri", "mongodb://h", "database", "a", "pool.min", "1001"))).getMessage()
                .startsWith("mongo.pool.min: "));
    }
}

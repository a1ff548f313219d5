package dev.teto.data.redis.internal;

import dev.teto.data.redis.RedisOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisConfigTest {

    @Test
    void readsEverySetting() {
        RedisOptions o = RedisConfig.read(Map.ofEntries(Map.entry("uri", "rediss://cache:6380/2"),
                Map.entry("prefix", "tenant-a:"), Map.entry("user", "app"), Map.entry("password", "s3cret"),
                Map.entry("tls.verify-peer", "false"), Map.entry("command-timeout", "PT0.5S"),
                Map.entry("connect-timeout", "2000"), Map.entry("health-timeout", "100"),
                Map.entry("reconnect-delay-max", "PT2S"), Map.entry("heartbeat-interval", "500"),
                Map.entry("io-threads", "4"), Map.entry("computation-threads", "3")));
        assertEquals("rediss://cache:6380/2", o.uri());
        assertEquals("tenant-a:", o.prefix());
        assertEquals("app", o.username());
        assertEquals("s3cret", o.password());
        assertFalse(o.tlsVerifyPeer());
        assertEquals(Duration.ofMillis(500), o.commandTimeout());
        assertEquals(Duration.ofSeconds(2), o.connectTimeout());
        assertEquals(Duration.ofMillis(100), o.healthTimeout());
        assertEquals(Duration.ofSeconds(2), o.reconnectDelayMax());
        assertEquals(Duration.ofMillis(500), o.heartbeatInterval());
        assertEquals(4, o.ioThreads());
        assertEquals(3, o.computationThreads());
        assertFalse(o.cluster());
        assertFalse(o.toString().contains("s3cret"), o.toString());
    }

    @Test
    void defaultsAreShortAndThePrefixEmpty() {
        RedisOptions o = RedisConfig.read(Map.of("uri", "redis://localhost:6379"));
        assertEquals(RedisOptions.DEFAULT_COMMAND_TIMEOUT, o.commandTimeout());
        assertTrue(o.commandTimeout().toMillis() <= 500);
        assertEquals("", o.prefix());
    }

    @Test
    void clusterNodesAreACommaSeparatedList() {
        RedisOptions o = RedisConfig.read(Map.of("cluster-nodes", " 10.0.0.1:7000, redis://10.0.0.2:7001 ,"));
        assertTrue(o.cluster());
        assertEquals(List.of("10.0.0.1:7000", "redis://10.0.0.2:7001"), o.clusterNodes());
    }

    @Test
    void errorsNameTheKeyNeverTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisConfig.read(Map.of("uri", "http://secret-host:1")));
        assertTrue(e.getMessage().startsWith("redis.uri:"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-host"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RedisConfig.read(Map.of("uri", "redis://h:1", "command-timeout", "soon")))
                .getMessage().contains("redis.command-timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RedisConfig.read(Map.of("uri", "redis://h:1", "colour", "red")))
                .getMessage().contains("redis.colour"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RedisConfig.read(Map.of("uri", "redis://h:1", "cluster-nodes", "h:2")))
                .getMessage().contains("exactly one of uri and clusterNodes"));
    }

    @Test
    void anEmptyClusterListAndABadFlagNameTheirKeys() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RedisConfig.read(Map.of("cluster-nodes", " , ")))
                .getMessage().startsWith("redis.cluster-nodes "));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RedisConfig.read(Map.of("uri", "redis://h:1", "tls", "yes")))
                .getMessage().startsWith("redis.tls must be true or false"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RedisConfig.read(Map.of("uri", "redis://h:1", "io-threads", "0")))
                .getMessage().startsWith("redis.io-threads: "));
    }

    @Test
    void aPrefixCannotBeAHashTagOrHoldSpaces() {
        for (String bad : List.of("{tenant}:", "a b", "x".repeat(65))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RedisConfig.read(Map.of("uri", "redis://h:1", "prefix", bad)));
            assertTrue(e.getMessage().startsWith("redis.prefix:"), e.getMessage());
        }
    }
}

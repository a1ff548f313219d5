package dev.teto.data.postgres;

import dev.teto.data.postgres.internal.PostgresConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaOptionsTest {
    private static final String URL = "jdbc:postgresql://primary/app";

    @Test
    void settingsReadTheReplicaListAndItsLimits() {
        PostgresOptions o = PostgresConfig.read(Map.of("url", URL,
                "replica-urls", " jdbc:postgresql://r1/app , jdbc:postgresql://r2/app ",
                "replica.pool.max", "3", "replica.max-lag", "PT2S",
                "replica.read-your-writes-wait", "50"));
        assertEquals(List.of("jdbc:postgresql://r1/app", "jdbc:postgresql://r2/app"), o.readReplicas());
        assertEquals(3, o.replicaPoolSize());
        assertEquals(Duration.ofSeconds(2), o.maxReplicaLag());
        assertEquals(Duration.ofMillis(50), o.readYourWritesWait());
    }

    @Test
    void defaultsAreNoReplicasAndAHundredMillisecondWait() {
        PostgresOptions o = PostgresOptions.builder().jdbcUrl(URL).build();
        assertTrue(o.readReplicas().isEmpty());
        assertEquals(Duration.ofMillis(100), o.readYourWritesWait());
        assertEquals(PostgresOptions.DEFAULT_MAX_REPLICA_LAG, o.maxReplicaLag());
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresConfig.read(
                Map.of("url", URL, "replica-urls", "mysql://r1")));
        assertTrue(e.getMessage().contains("replica-urls"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PostgresConfig.read(
                Map.of("url", URL, "replica-urls", URL, "replica.read-your-writes-wait", "PT1M")));
        assertTrue(e.getMessage().contains("replica.read-your-writes-wait"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PostgresOptions.builder().jdbcUrl(URL)
                .maxReplicaLag(Duration.ZERO).build());
    }
}

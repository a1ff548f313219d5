package dev.teto.data.postgres.internal.ops;

import dev.teto.data.postgres.PostgresOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementNamesTest {
    @Test
    void aNameIsTheVerbTheFirstTableAndAStableHash() {
        String insert = "INSERT INTO users (email) VALUES (:email) RETURNING *";
        assertTrue(StatementNames.of(insert).matches("INSERT users #[0-9a-f]{8}"), StatementNames.of(insert));
        assertEquals(StatementNames.of(insert), StatementNames.of(insert));
        assertTrue(StatementNames.of("WITH mine AS (SELECT id FROM assessments WHERE user_id = :id) SELECT 1")
                .startsWith("WITH assessments #"));
        assertTrue(StatementNames.of("  update profiles SET x = 1").startsWith("UPDATE profiles #"));
    }

    @Test
    void literalsAndCommentsNeverNameAStatement() {
        String name = StatementNames.of("-- from secret_table\nSELECT 'FROM alice@example.com' AS x");
        assertTrue(name.startsWith("SELECT #"), name);
        assertFalse(name.contains("alice") || name.contains("secret"), name);
    }

    @Test
    void theThresholdDefaultsTo500MsAndZeroTurnsItOff() {
        PostgresOptions o = PostgresOptions.builder().jdbcUrl("jdbc:postgresql://h/db").build();
        assertEquals(Duration.ofMillis(500), o.slowQueryThreshold());
        assertEquals(Duration.ZERO, o.toBuilder().slowQueryThreshold(Duration.ZERO).build().slowQueryThreshold());
        assertThrows(IllegalArgumentException.class,
                () -> o.toBuilder().slowQueryThreshold(Duration.ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> new SlowQueryLog(Duration.ZERO));
        assertEquals(Duration.ofSeconds(2), dev.teto.data.postgres.internal.PostgresConfig.read(java.util.Map.of(
                "url", "jdbc:postgresql://h/db", "slow-query-threshold", "PT2S")).slowQueryThreshold());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.teto.data.postgres.internal.PostgresConfig.read(java.util.Map.of(
                        "url", "jdbc:postgresql://h/db", "slow-query-threshold", "-PT1S")));
        assertTrue(e.getMessage().contains("slow-query-threshold"), e.getMessage());
    }
}

package dev.teto.data.postgres;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.Health;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.metrics.TetoDataMeters;
import dev.teto.data.testing.FreezablePostgres;
import dev.teto.data.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code postgres} in {@code data.health()}: UP with its latency, pool usage and replication; a frozen (SIGSTOPped)
 * server is DOWN within the health bound, with the outbox's component too (no probe waits for the socket timeout);
 * after the thaw both are UP again. The same numbers reach Micrometer.
 */
class PostgresHealthIT {
    /**
     * PostgresStore.HEALTH_BOUND (2 s) once, plus slack for a loaded machine: the server's check and the outbox's
     * both wait on the frozen server, and data.health() runs them at once (in turn they took 4 s).
     */
    private static final Duration BOUND = Duration.ofMillis(3_500);

    @Test
    void upThenDownWhileFrozenThenUpAgain() throws Exception {
        try (FreezablePostgres pg = FreezablePostgres.start();
                TestDatabase db = TestDatabase.create(pg.jdbcUrl(), pg.username(), pg.password(), "health");
                TetoData data = TetoData.builder().configure(settings(db))
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            data.users().create(NewUser.of(email(), "Healthy"));
            ComponentHealth up = data.health().component("postgres").orElseThrow();
            assertEquals(HealthStatus.UP, up.status(), up.toString());
            assertTrue(((Number) up.metrics().get("ping_ms")).doubleValue() >= 0, up.toString());
            assertEquals(4, ((Number) up.metrics().get("pool_max")).intValue(), up.toString());
            assertTrue(((Number) up.metrics().get("pool_total")).intValue() >= 1, up.toString());
            // At most the outbox's check, which runs beside this one, waiting for its connection.
            assertTrue(((Number) up.metrics().get("pool_waiting")).intValue() <= 1, up.toString());
            assertEquals(false, up.metrics().get("standby"));
            assertEquals(0L, ((Number) up.metrics().get("replicas_streaming")).longValue());

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TetoDataMeters(data, Duration.ZERO).bindTo(registry);
            assertEquals(4.0, registry.get("teto.pool.max").tag("component", "postgres").gauge().value());
            assertEquals(0.0, registry.get("teto.health.status").tag("component", "postgres").gauge().value());

            pg.freeze();
            try {
                for (int probe = 0; probe < 2; probe++) {   // the second while the first check is still stuck
                    Health frozen = assertTimeoutPreemptively(BOUND, data::health);
                    ComponentHealth down = frozen.component("postgres").orElseThrow();
                    assertEquals(HealthStatus.DOWN, down.status(), frozen.toString());
                    assertFalse(down.detail().contains("127.0.0.1") || down.detail().contains("localhost"), down.detail());
                    assertEquals(HealthStatus.DOWN, frozen.component("outbox-relay").orElseThrow().status());
                    assertEquals(HealthStatus.DOWN, frozen.status());
                }
                assertEquals(2.0, registry.get("teto.health.status").tag("component", "postgres").gauge().value());
            } finally {
                pg.thaw();
            }
            awaitUp(data);
        }
    }

    /** Bound while PostgreSQL was frozen: its latency, not reported then, is metered at the first scrape after. */
    @Test
    void aNumberFirstReportedAfterBindIsMeteredAtTheNextScrape() throws Exception {
        try (FreezablePostgres pg = FreezablePostgres.start();
                TestDatabase db = TestDatabase.create(pg.jdbcUrl(), pg.username(), pg.password(), "health_late");
                TetoData data = TetoData.builder().configure(settings(db))
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            pg.freeze();
            try {
                new TetoDataMeters(data, Duration.ZERO).bindTo(registry);
                assertEquals(2.0, registry.get("teto.health.status").tag("component", "postgres").gauge().value());
                assertEquals(null, registry.find("teto.ping.ms").tag("component", "postgres").gauge());
            } finally {
                pg.thaw();
            }
            awaitUp(data);
            registry.get("teto.health.numbers").gauge().value();   // a scrape
            assertTrue(registry.get("teto.ping.ms").tag("component", "postgres").gauge().value() >= 0);
            assertEquals(0.0, registry.get("teto.health.status").tag("component", "postgres").gauge().value());
        }
    }

    private static Map<String, String> settings(TestDatabase db) {
        Map<String, String> s = new HashMap<>(db.settings());
        s.put("postgres.pool.max", "4");
        s.put("postgres.pool.min", "1");
        s.put("postgres.connection-timeout", "PT3S");
        s.put("postgres.statement-timeout", "PT3S");
        s.put("postgres.socket-timeout", "PT4S");
        return s;
    }

    /** The checks stuck on the frozen socket end within the socket timeout; then the pool reconnects. */
    /**
     * Until both components are UP: each check runs on its own thread, and the outbox's may still be finishing the
     * query the freeze held when the server's own check already answers (a fresh clone under load failed here).
     */
    private static void awaitUp(TetoData data) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (data.health().component("postgres").orElseThrow().status() != HealthStatus.UP
                || data.health().component("outbox-relay").orElseThrow().status() != HealthStatus.UP) {
            assertTrue(System.nanoTime() < deadline, "still not UP after the thaw: " + data.health());
            Thread.sleep(200);
        }
    }
}

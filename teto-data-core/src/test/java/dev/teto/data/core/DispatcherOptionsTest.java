package dev.teto.data.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DispatcherOptionsTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        DispatcherOptions o = DispatcherOptions.DEFAULTS;
        assertEquals(DispatcherOptions.DEFAULT_POLL_INTERVAL, o.pollInterval());
        assertEquals(DispatcherOptions.DEFAULT_MAX_ATTEMPTS, o.maxAttempts());
        assertEquals(DispatcherOptions.DEFAULT_RETENTION, o.retention());
        assertTrue(o.enabled());
    }

    @Test
    void backoffDoublesFromTheInitialValueUpToTheCap() {
        DispatcherOptions o = DispatcherOptions.builder().initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(700)).build();
        assertEquals(Duration.ofMillis(100), o.backoffAfter(1));
        assertEquals(Duration.ofMillis(200), o.backoffAfter(2));
        assertEquals(Duration.ofMillis(400), o.backoffAfter(3));
        assertEquals(Duration.ofMillis(700), o.backoffAfter(4));
        assertEquals(Duration.ofMillis(700), o.backoffAfter(60));
    }

    @Test
    void invalidSettingsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DispatcherOptions.builder().maxAttempts(0).build());
        assertTrue(e.getMessage().contains("maxAttempts"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DispatcherOptions.builder().pollInterval(Duration.ZERO).build()).getMessage().contains("pollInterval"));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        DispatcherOptions o = DispatcherOptions.builder().batchSize(7).workerThreads(3).enabled(false).build();
        DispatcherOptions copy = o.toBuilder().build();
        assertEquals(7, copy.batchSize());
        assertEquals(3, copy.workerThreads());
        assertEquals(false, copy.enabled());
    }
}

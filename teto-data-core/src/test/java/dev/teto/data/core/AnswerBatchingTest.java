package dev.teto.data.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerBatchingTest {

    @Test
    void offAndDefaults() {
        assertFalse(AnswerBatching.OFF.enabled());
        assertTrue(AnswerBatching.DEFAULTS.enabled());
    }

    @Test
    void outOfRangeSettingsAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> AnswerBatching.of(0, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> AnswerBatching.of(10, Duration.ofSeconds(2), 1));
        assertThrows(IllegalArgumentException.class, () -> AnswerBatching.of(10, Duration.ofMillis(-1), 1));
        assertThrows(IllegalArgumentException.class, () -> AnswerBatching.of(10, Duration.ZERO, 0),
                "batching with no committer would never commit");
        assertThrows(IllegalArgumentException.class, () -> AnswerBatching.of(10, Duration.ZERO, 65));
    }
}

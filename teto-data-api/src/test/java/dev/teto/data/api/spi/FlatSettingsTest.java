package dev.teto.data.api.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatSettingsTest {

    private static Optional<Duration> duration(String value) {
        return FlatSettings.of("kafka", Map.of("linger", value), Set.of("linger")).duration("linger");
    }

    /** A negative ISO-8601 duration parses, so the option's own range check is what refuses it, by its rule. */
    @Test
    void durationsAreIsoOrMillisecondsSignedOrNot() {
        assertEquals(Optional.of(Duration.ofMillis(1500)), duration("PT1.5S"));
        assertEquals(Optional.of(Duration.ofMillis(250)), duration("250"));
        assertEquals(Optional.of(Duration.ofMillis(-100)), duration("-PT0.1S"));
        assertEquals(Optional.of(Duration.ofMillis(-100)), duration("-100"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> duration("soon"));
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
    }
}

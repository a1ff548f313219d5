package dev.teto.data.api.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionChecksTest {

    @Test
    void aDurationMustBePositive() {
        assertEquals(Duration.ofMillis(1), OptionChecks.positive("commandTimeout", Duration.ofMillis(1)));
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(-1)}) {
            assertEquals("commandTimeout must be a positive duration", assertThrows(IllegalArgumentException.class,
                    () -> OptionChecks.positive("commandTimeout", bad)).getMessage());
        }
    }

    @Test
    void anIntMillisDurationStopsAtTwentyFourDays() {
        Duration max = Duration.ofMillis(Integer.MAX_VALUE);
        assertEquals(max, OptionChecks.positiveIntMillis("lockTimeout", max));
        String message = assertThrows(IllegalArgumentException.class,
                () -> OptionChecks.positiveIntMillis("lockTimeout", max.plusMillis(1))).getMessage();
        assertEquals("lockTimeout must be at most 2147483647 ms (about 24 days)", message);
        assertThrows(IllegalArgumentException.class, () -> OptionChecks.positiveIntMillis("lockTimeout", Duration.ZERO));
    }

    @Test
    void betweenIncludesBothEnds() {
        assertEquals(1, OptionChecks.between("ioThreads", 1, 1, 64));
        assertEquals(64, OptionChecks.between("ioThreads", 64, 1, 64));
        assertEquals("ioThreads must be between 1 and 64", assertThrows(IllegalArgumentException.class,
                () -> OptionChecks.between("ioThreads", 65, 1, 64)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptionChecks.between("ioThreads", 0, 1, 64));
    }

    @Test
    void printableAsciiRefusesBlankLongAndControlCharactersWithoutQuotingThem() {
        assertEquals("svc-1", OptionChecks.printableAscii("applicationName", "svc-1", 63));
        for (String bad : new String[] {null, " ", "x".repeat(64), "svc\u0000x", "caf\u00e9"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OptionChecks.printableAscii("applicationName", bad, 63));
            assertEquals("applicationName must be 1 to 63 printable ASCII characters", e.getMessage());
        }
    }
}

package dev.teto.data.redis.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsoInstantsTest {

    @Test
    void readsWhatInstantWritesAsInstantParseDoes() {
        Random random = new Random(13);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);   // years 1 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant, IsoInstants.parse(instant.toString()), instant.toString());
        }
    }

    @Test
    void otherFormsGoToInstantParse() {
        assertEquals(Instant.parse("+10000-01-01T00:00:00Z"), IsoInstants.parse("+10000-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-11-26T02:39:40.5Z"), IsoInstants.parse("2026-11-26T02:39:40.5Z"));
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse("2026-13-26T02:39:40Z"));
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse("2026-11-26T02:39:4xZ"));
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse("2026-02-30T02:39:40Z"));
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse("not an instant at all"));
    }
}

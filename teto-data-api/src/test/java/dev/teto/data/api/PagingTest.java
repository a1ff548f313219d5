package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {

    @Test
    void cursorRoundTripsWithNanos() {
        KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-11-25T01:02:03.123456Z"), UUID.randomUUID());
        assertEquals(cursor, KeysetCursor.decode(cursor.encode()));
        assertNull(KeysetCursor.decode(null));
    }

    @Test
    void foreignCursorIsAValidationError() {
        ValidationException e = assertThrows(ValidationException.class, () -> KeysetCursor.decode("not-a-cursor"));
        assertEquals("cursor", e.field());
    }

    @Test
    void limitIsBounded() {
        assertThrows(ValidationException.class, () -> PageRequest.first(0));
        assertThrows(ValidationException.class, () -> PageRequest.first(PageRequest.MAX_LIMIT + 1));
        assertEquals(true, PageRequest.first(10).withTotal().includeTotal());
    }

    @Test
    void timeRangeMustMoveForward() {
        Instant now = Instant.now();
        assertThrows(ValidationException.class, () -> TimeRange.of(now, now));
    }
}

package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.paging.Cursor;
import dev.teto.data.api.paging.PageRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingTest {

    @Test
    void cursorRoundTripsEveryKeyTypeAndNulls() {
        List<Object> keys = Arrays.asList(Instant.parse("2026-11-25T01:02:03.123456789Z"), UUID.randomUUID(), null,
                "a|b\u001fc 한글", 42L, 7, 1.5d, new BigDecimal("12.340"), true, Instant.parse("-4000-01-01T00:00:00Z"));
        Cursor cursor = new Cursor("users.list|abc", Cursor.Direction.BACKWARD, keys);
        assertEquals(cursor, Cursor.decode(cursor.encode(), "users.list|abc"));
        assertNull(Cursor.decode(null, "anything"));
    }

    @Test
    void aCursorOfAnotherListingIsRefused() {
        String issued = new Cursor("assessments.byUser|u1", Cursor.Direction.FORWARD, List.of(Instant.EPOCH)).encode();
        ValidationException e = assertThrows(ValidationException.class, () -> Cursor.decode(issued, "users.list|x"));
        assertEquals("cursor", e.field());
        assertTrue(e.getMessage().contains("another listing"));
    }

    @Test
    void garbageIsRefusedAsACursor() {
        for (String garbage : List.of("not-a-cursor", "", "YzE", "====")) {
            ValidationException e = assertThrows(ValidationException.class, () -> Cursor.decode(garbage, "l"));
            assertEquals("cursor", e.field());
        }
    }

    @Test
    void reversedFlipsOnlyTheDirection() {
        Cursor forward = new Cursor("l", Cursor.Direction.FORWARD, List.of(1L));
        assertEquals(Cursor.Direction.BACKWARD, forward.reversed().direction());
        assertEquals(forward.keys(), forward.reversed().keys());
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

package dev.teto.data.core.internal.search;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureWindowTest {
    private static final Duration HOLD = Duration.ofSeconds(31);

    /** A clock the test moves: nothing here may depend on how fast the machine runs. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SteppedClock clock = new SteppedClock();
    private final FailureWindow window = new FailureWindow(clock, HOLD);

    @Test
    void nothingAttemptedIsNotFailing() {
        assertFalse(window.failing());
    }

    @Test
    void aFailureCountsUntilALaterSuccess() {
        window.failed();
        assertTrue(window.failing());
        window.succeeded();
        assertFalse(window.failing());
        assertEquals(1, window.failures());
    }

    @Test
    void aFailureAfterASuccessInTheSameMillisecondStillCounts() {
        window.succeeded();
        window.failed();
        assertTrue(window.failing(), "workers of one cycle finish in any order, often within a millisecond");
    }

    @Test
    void aFailureWhoseRetryRanElsewhereStopsCountingAfterTheHold() {
        window.failed();
        clock.advance(HOLD);
        assertTrue(window.failing(), "a retry here may still come until the hold ends");
        clock.advance(Duration.ofMillis(1));
        assertFalse(window.failing(), "another instance delivered the retry; this one had no write since");
    }

    @Test
    void eachNewFailureRestartsTheHold() {
        window.failed();
        clock.advance(HOLD.minusSeconds(1));
        window.failed();
        clock.advance(Duration.ofSeconds(2));
        assertTrue(window.failing());
        assertEquals(2, window.failures());
    }
}

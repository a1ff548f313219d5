package dev.teto.data.postgres.internal.replica;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LagClockTest {
    private static final long MS = 1_000_000;

    @Test
    void anIdlePrimaryNeverMakesALevelReplicaLate() {
        LagClock clock = new LagClock(60_000 * MS);
        for (long t = 0; t <= 10_000; t += 500) {
            clock.sample(t * MS, 1_000);
        }
        assertEquals(0, clock.lagMillis(1_000, 10_000 * MS));
    }

    @Test
    void lagIsTheAgeOfTheOldestPositionTheReplicaLacks() {
        LagClock clock = new LagClock(60_000 * MS);
        clock.sample(0, 100);
        clock.sample(1_000 * MS, 200);
        clock.sample(2_000 * MS, 300);
        assertEquals(1_500, clock.lagMillis(150, 2_500 * MS));
        assertEquals(500, clock.lagMillis(250, 2_500 * MS));
        assertEquals(300, clock.primaryLsn());
    }

    @Test
    void oldSamplesLeaveTheWindow() {
        LagClock clock = new LagClock(1_000 * MS);
        for (long t = 0; t <= 5_000; t += 500) {
            clock.sample(t * MS, t);
        }
        // The replica lacks everything sampled: the lag is at least the window.
        assertEquals(1_000, clock.lagMillis(-1, 5_000 * MS));
    }
}

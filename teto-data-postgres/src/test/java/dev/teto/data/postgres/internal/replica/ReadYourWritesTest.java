package dev.teto.data.postgres.internal.replica;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadYourWritesTest {

    @Test
    void anActorWaitsForItsOwnLatestWriteOnly() {
        ReadYourWrites w = new ReadYourWrites(10);
        w.record("user:a", 100);
        w.record("user:a", 90);   // an earlier commit whose position was read later
        assertEquals(100, w.required("user:a"));
        assertEquals(0, w.required("user:b"));
    }

    @Test
    void forgettingWhatEveryReplicaReplayedNeverLowersWhatAnActorIsOwed() {
        ReadYourWrites w = new ReadYourWrites(10);
        w.record("user:a", 100);
        w.record("user:b", 300);
        w.forgetReplayed(200);
        assertEquals(1, w.size());
        assertTrue(w.required("user:a") >= 100, "the floor covers the dropped entry");
        assertEquals(300, w.required("user:b"));
    }

    @Test
    void overflowEmptiesTheMapBehindAFloor() {
        ReadYourWrites w = new ReadYourWrites(3);
        for (int i = 1; i <= 4; i++) {
            w.record("user:" + i, i * 10);
        }
        assertEquals(0, w.size());
        for (int i = 1; i <= 4; i++) {
            assertTrue(w.required("user:" + i) >= i * 10);
        }
    }

    @Test
    void anUnknownCommitPositionSendsTheActorToThePrimaryUntilItsNextWrite() {
        ReadYourWrites w = new ReadYourWrites(10);
        w.recordUnknown("user:a");
        assertEquals(ReadYourWrites.UNKNOWN, w.required("user:a"));
        w.forgetReplayed(Long.MAX_VALUE - 1);
        assertEquals(ReadYourWrites.UNKNOWN, w.required("user:a"));
        w.record("user:a", 50);
        assertEquals(50, w.required("user:a"));
    }
}

package dev.teto.data.benchmarks;

import java.util.List;
import java.util.UUID;

/**
 * One simulated test-taker's journey, as a web backend runs it: register, open a session, start, 28 answers (each
 * followed by a progress read), complete, read the profile back. Every request after registration passes a
 * rate-limit check and a session validation first. One instance per worker thread.
 */
interface ViralUser extends AutoCloseable {

    /** The limiter's endpoint name both sides use. */
    String ENDPOINT = "viral";

    /** Runs user number {@code index} from registration to the profile read, recording every call in {@code lane}. */
    void run(int index, List<UUID> questionIds, ViralRecorder.Lane lane);

    @Override
    void close();

    /** A documentation-range IP per user, so the per-IP bucket is per user too, as behind a real load balancer. */
    static String ip(int index) {
        return "198.18." + ((index >> 8) & 0xff) + "." + (index & 0xff);
    }

    /** A Likert value and response time drawn from the user and question numbers: the same on both sides. */
    static int value(int index, int question) {
        return 1 + Math.floorMod(index * 31 + question * 7, 5);
    }

    static int responseTimeMs(int index, int question) {
        return 500 + Math.floorMod(index * 131 + question * 17, 5_000);
    }
}

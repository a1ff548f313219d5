package dev.teto.data.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one phase of {@link ViralPeakBenchmark} measured: every call's latency by kind, and when each answer and each
 * completion finished (for throughput over time). One {@link Lane} per worker thread, so recording never contends;
 * the lanes are merged once the phase is over.
 */
final class ViralRecorder {

    /** The kinds of call a simulated user makes. */
    enum Kind {
        REGISTER("register"), SESSION_OPEN("open session"), RATE_LIMIT("rate-limit check"),
        SESSION_CHECK("session validation"), START("start assessment"), ANSWER("answer"), PROGRESS("progress read"),
        COMPLETE("complete"), PROFILE_READ("profile read (cached)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final long startNanos;
    private final List<Lane> lanes = new ArrayList<>();

    ViralRecorder(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A lane for one worker thread; not thread-safe itself. */
    synchronized Lane lane() {
        Lane lane = new Lane();
        lanes.add(lane);
        return lane;
    }

    final class Lane {
        private final Map<Kind, LongList> nanos = new EnumMap<>(Kind.class);
        private final LongList answersAt = new LongList();
        private final LongList completionsAt = new LongList();

        private Lane() {
            for (Kind k : Kind.values()) {
                nanos.put(k, new LongList());
            }
        }

        /** Records a call that started at {@code t0} (System.nanoTime) and just ended; returns the end time. */
        long record(Kind kind, long t0) {
            long end = System.nanoTime();
            nanos.get(kind).add(end - t0);
            if (kind == Kind.ANSWER) {
                answersAt.add(end - startNanos);
            } else if (kind == Kind.COMPLETE) {
                completionsAt.add(end - startNanos);
            }
            return end;
        }
    }

    /** Every lane's latencies of {@code kind}, sorted. */
    synchronized long[] sorted(Kind kind) {
        LongList all = new LongList();
        lanes.forEach(l -> all.addAll(l.nanos.get(kind)));
        long[] values = all.toArray();
        Arrays.sort(values);
        return values;
    }

    /** Finish times (ns since the phase started) of every answer, or of every completion, sorted. */
    synchronized long[] finishTimes(boolean completions) {
        LongList all = new LongList();
        lanes.forEach(l -> all.addAll(completions ? l.completionsAt : l.answersAt));
        long[] values = all.toArray();
        Arrays.sort(values);
        return values;
    }

    /** The {@code quantile} of sorted nanos, in microseconds; NaN when empty. */
    static double micros(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    /** A growable long array: boxing millions of latencies would itself disturb the measurement. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

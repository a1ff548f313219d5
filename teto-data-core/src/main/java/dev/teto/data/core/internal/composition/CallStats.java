package dev.teto.data.core.internal.composition;

import dev.teto.data.core.CallStatistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts and times every host call at the capability proxies: a few adders per call, no allocation per call. */
public final class CallStats {
    private final Map<String, Stat> stats = new ConcurrentHashMap<>();

    static final class Stat {
        private final String capability;
        private final String method;
        private final LongAdder calls = new LongAdder();
        private final LongAdder failures = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        private Stat(String capability, String method) {
            this.capability = capability;
            this.method = method;
        }

        void record(long elapsedNanos, boolean failed) {
            calls.increment();
            nanos.add(elapsedNanos);
            if (failed) {
                failures.increment();
            }
        }

        CallStatistics snapshot() {
            return new CallStatistics(capability, method, calls.sum(), failures.sum(), Duration.ofNanos(nanos.sum()));
        }
    }

    Stat stat(String capability, String method) {
        return stats.computeIfAbsent(capability + '.' + method, k -> new Stat(capability, method));
    }

    /** Every call kind made at least once, or whose capability was resolved. */
    public List<CallStatistics> snapshot() {
        List<CallStatistics> out = new ArrayList<>(stats.size());
        stats.values().forEach(s -> out.add(s.snapshot()));
        return out;
    }
}

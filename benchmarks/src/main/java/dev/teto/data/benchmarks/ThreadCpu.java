package dev.teto.data.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads grouped by name (digits folded, so {@code teto-answer-batch-3} joins its
 * siblings): which part of the client side (request threads, the SDK's background threads, Lettuce's event loop,
 * the in-process Kafka broker) took the JVM's CPU in a phase. Threads that ended during the phase are not seen; the
 * request threads report their own CPU ({@link #current()}) before they end.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanosByThread = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    private ThreadCpu() {
    }

    static ThreadCpu snapshot() {
        ThreadCpu s = new ThreadCpu();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = THREADS.getThreadCpuTime(ids[i]);
            if (infos[i] != null && nanos >= 0) {
                s.nanosByThread.put(ids[i], nanos);
                s.names.put(ids[i], infos[i].getThreadName());
            }
        }
        return s;
    }

    /** The calling thread's CPU seconds so far. */
    static double current() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    /** CPU seconds per thread group since {@code earlier}, largest first. */
    Map<String, Double> since(ThreadCpu earlier) {
        Map<String, Double> groups = new HashMap<>();
        nanosByThread.forEach((id, nanos) -> {
            long before = earlier.nanosByThread.getOrDefault(id, 0L);
            String group = names.get(id).replaceAll("[0-9]+", "#");
            groups.merge(group, (nanos - before) / 1e9, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().filter(e -> e.getValue() > 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}

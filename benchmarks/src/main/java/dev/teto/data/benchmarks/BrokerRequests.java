package dev.teto.data.benchmarks;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Requests the in-process Kafka broker served, by kind, from its own request meters (JMX,
 * {@code kafka.network:type=RequestMetrics,name=RequestsPerSec}). The broker's CPU grows with the number of
 * requests more than with the bytes: each one updates the broker's latency histograms, so a phase's requests per
 * taker show what its Kafka clients cost the box. Empty when the broker runs in another process.
 */
final class BrokerRequests {
    private final Map<String, Long> counts;

    private BrokerRequests(Map<String, Long> counts) {
        this.counts = counts;
    }

    static BrokerRequests snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName name : server.queryNames(
                    new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                String request = name.getKeyProperty("request");
                Object count = server.getAttribute(name, "Count");
                if (request != null && count instanceof Number n) {
                    counts.merge(request, n.longValue(), Long::sum);
                }
            }
        } catch (Exception e) {
            return new BrokerRequests(Map.of());
        }
        return new BrokerRequests(counts);
    }

    /** The requests since {@code before}, per taker, largest first: {@code "Fetch 3.1, Produce 1.2"}. */
    String perTakerSince(BrokerRequests before, int takers) {
        Map<String, Long> delta = new TreeMap<>();
        counts.forEach((k, v) -> delta.put(k, v - before.counts.getOrDefault(k, 0L)));
        long total = delta.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "none seen";
        }
        return String.format(Locale.ROOT, "%.1f: ", (double) total / takers) + delta.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), (double) e.getValue() / takers))
                .collect(Collectors.joining(", "));
    }
}

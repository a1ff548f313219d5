package dev.teto.data.benchmarks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.teto.data.api.search.AnalyticsEvent;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.Device;
import dev.teto.data.api.search.GeoPoint;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestSearch;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Bulk indexing of analytics events through the SDK ({@code AnalyticsEvents.recordAll}) against raw
 * elasticsearch-java bulk calls doing the same work, in the same run, on the same server.
 *
 * <p>Same work: both get the same {@code AnalyticsEvent} records (made untimed) and, inside the timer, turn each
 * into the seed's {@code analytics_events} document, write it with {@code op_type=create} and its event id (so a
 * retried batch never double-counts), in bulk requests of 1,000 documents (the SDK's default count limit; its 5 MiB
 * byte limit is never reached by these ~400-byte events), and check every item's outcome. Each side writes its own
 * index with the seed's mapping, one shard, no replica, default refresh. Raw uses the typed client
 * ({@code BulkRequest} of {@code create} operations with {@code Map} documents); the SDK builds its NDJSON itself.
 * The variants take turns in slices of 10,000 events, alternating which goes first each round; one warm-up round,
 * then the median of 3 (or {@code -Drounds}).
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.AnalyticsBulkBenchmark
 * -Devents=100000} (after installing the library modules). Server: {@code TETO_ES_URL}, else the embedded 7.17 node.
 */
public final class AnalyticsBulkBenchmark {
    static final int BATCH = 1000;
    /** Events per turn before the other variant runs. */
    static final int SLICE = 10_000;

    private AnalyticsBulkBenchmark() {
    }

    public record Report(int events, String server, double[] sdk, double[] raw) {
        double sdkMedian() {
            return median(sdk);
        }

        double rawMedian() {
            return median(raw);
        }

        double ratio() {
            return sdkMedian() / rawMedian();
        }
    }

    public static void main(String[] args) {
        int events = Integer.parseInt(System.getProperty("events", args.length > 0 ? args[0] : "100000"));
        int warmup = Integer.parseInt(System.getProperty("warmup", "1"));
        int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
        int status = 0;
        TestSearch search = TestSearch.create("bench_analytics");
        try {
            Report report = run(search, events, warmup, rounds, System.out);
            print(report, System.out);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            status = 1;
        } finally {
            search.close();
        }
        System.exit(status);
    }

    static Report run(TestSearch search, int n, int warmup, int rounds, PrintStream progress) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(search.settings());
        settings.put("search.projection-refresh", "none");
        URI uri = URI.create(search.url());
        String rawIndex = search.indexPrefix() + "raw_analytics_events";
        try (TetoData data = TetoData.builder().configure(settings).build();
                RestClient rest = RestClient.builder(new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme())).build()) {
            ElasticsearchClient raw = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            try (InputStream mapping = AnalyticsBulkBenchmark.class.getResourceAsStream(
                    "/dev/teto/data/search/mappings/analytics_events.json")) {
                raw.indices().create(c -> c.index(rawIndex).withJson(mapping)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0")));
            }
            AnalyticsEvents sdk = data.get(AnalyticsEvents.class);
            double[] sdkTimes = new double[rounds];
            double[] rawTimes = new double[rounds];
            Random random = new Random(7);
            for (int round = 0; round < warmup + rounds; round++) {
                List<AnalyticsEvent> forSdk = events(n, random);
                List<AnalyticsEvent> forRaw = events(n, random);
                double s = 0;
                double r = 0;
                // The variants take turns in slices, so a burst of load on a shared machine hits both alike.
                for (int from = 0; from < n; from += SLICE) {
                    List<AnalyticsEvent> sdkSlice = forSdk.subList(from, Math.min(n, from + SLICE));
                    List<AnalyticsEvent> rawSlice = forRaw.subList(from, Math.min(n, from + SLICE));
                    for (int turn = 0; turn < 2; turn++) {
                        if ((turn == 0) == (round % 2 == 0)) {
                            s += time(() -> sdkBulk(sdk, sdkSlice));
                        } else {
                            r += time(() -> rawBulk(raw, rawIndex, rawSlice));
                        }
                    }
                }
                if (round >= warmup) {
                    sdkTimes[round - warmup] = s;
                    rawTimes[round - warmup] = r;
                }
                progress.printf(Locale.ROOT, "round %d%s: sdk %.3fs raw %.3fs%n", round + 1,
                        round < warmup ? " (warm-up)" : "", s, r);
            }
            return new Report(n, search.server().kind(), sdkTimes, rawTimes);
        }
    }

    static List<AnalyticsEvent> events(int n, Random random) {
        String[] types = {"page_view", "test_started", "test_completed", "share"};
        String[] devices = {"mobile", "desktop", "tablet"};
        List<AnalyticsEvent> out = new ArrayList<>(n);
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            out.add(new AnalyticsEvent(UUID.randomUUID(), types[random.nextInt(4)], UUID.randomUUID(), UUID.randomUUID(),
                    base.plusSeconds(random.nextInt(30 * 86400)), Map.of("step", i % 28, "source", "bench"),
                    new GeoPoint(33 + random.nextDouble() * 5, 125 + random.nextDouble() * 5),
                    new Device(devices[random.nextInt(3)], "iOS", "Safari")));
        }
        return out;
    }

    private static void sdkBulk(AnalyticsEvents sdk, List<AnalyticsEvent> events) {
        BulkResult result = sdk.recordAll(events, Refresh.NONE);
        if (result.written() != events.size()) {
            throw new IllegalStateException("SDK wrote " + result.written() + " of " + events.size());
        }
    }

    private static void rawBulk(ElasticsearchClient client, String index, List<AnalyticsEvent> events) {
        try {
            for (int from = 0; from < events.size(); from += BATCH) {
                List<BulkOperation> ops = new ArrayList<>(BATCH);
                for (AnalyticsEvent e : events.subList(from, Math.min(events.size(), from + BATCH))) {
                    Map<String, Object> doc = document(e);
                    ops.add(BulkOperation.of(b -> b.create(c -> c.index(index).id(e.eventId().toString()).document(doc))));
                }
                BulkResponse response = client.bulk(b -> b.operations(ops));
                if (response.errors()) {
                    for (BulkResponseItem item : response.items()) {
                        if (item.error() != null && item.status() != 409) {
                            throw new IllegalStateException("raw bulk item " + item.id() + " failed: " + item.error().type());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed's analytics_events document, as a careful hand-written mapping would build it. */
    static Map<String, Object> document(AnalyticsEvent e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event_id", e.eventId().toString());
        doc.put("event_type", e.eventType());
        doc.put("user_id", e.userId() == null ? null : e.userId().toString());
        doc.put("session_id", e.sessionId() == null ? null : e.sessionId().toString());
        doc.put("timestamp", e.timestamp().toString());
        doc.put("properties", e.properties());
        if (e.location() != null) {
            doc.put("location", Map.of("lat", e.location().lat(), "lon", e.location().lon()));
        }
        if (e.device() != null) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("type", e.device().type());
            device.put("os", e.device().os());
            device.put("browser", e.device().browser());
            doc.put("device", device);
        }
        return doc;
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String perRound(Report r) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < r.sdk().length; i++) {
            out.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", r.sdk()[i] / r.raw()[i]));
        }
        return out.toString();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static void print(Report r, PrintStream out) {
        out.printf(Locale.ROOT, "%nAnalytics bulk indexing, %d events per variant and round, server: %s%n", r.events(),
                r.server());
        out.printf(Locale.ROOT, "| variant | median s | events/s |%n|---|---|---|%n");
        out.printf(Locale.ROOT, "| SDK recordAll | %.3f | %.0f |%n", r.sdkMedian(), r.events() / r.sdkMedian());
        out.printf(Locale.ROOT, "| raw elasticsearch-java bulk | %.3f | %.0f |%n", r.rawMedian(), r.events() / r.rawMedian());
        out.printf(Locale.ROOT, "SDK/raw time ratio: %.2f (per round: %s)%n", r.ratio(), perRound(r));
    }
}

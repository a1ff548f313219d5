package dev.teto.data.benchmarks;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.kafka.internal.Envelope;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka transport's costs, in one run on one PostgreSQL and one in-process KRaft broker:
 * <ol>
 *   <li><b>Relay throughput.</b> {@code n} committed outbox events published by the relay
 *       ({@code data.events().drain()} with the Kafka dispatcher: read in commit order under the advisory lock, send,
 *       one Kafka transaction per cycle, mark published) against a raw idempotent {@code acks=all} producer
 *       sending the same records (same keys, envelopes and headers) and waiting for the same acks, and against the
 *       same raw producer with one transaction per 1,000 records, as the relay does. Ratio = relay seconds ÷ raw
 *       seconds; events/s every way.</li>
 *   <li><b>Outbox write overhead per SDK transaction.</b> {@code n} transactions that record one system metric,
 *       with and without one {@code tx.publish(event)}: the difference per transaction is the outbox row.</li>
 *   <li><b>Outbox size under sustained load.</b> {@code total} (1,000,000) events written by {@code writers} (2)
 *       threads in SDK transactions of {@code perTx} (2) events, as completions write them, while the relay runs in
 *       the background with a short {@code outbox-retention}: the outbox's size (all ring partitions with their
 *       indexes) sampled every half second and at the end, against the size the same rows take while kept.</li>
 * </ol>
 * Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.KafkaRelayBenchmark
 * -Dn=20000 -Dtotal=1000000}
 */
public final class KafkaRelayBenchmark {
    private static final int WRITE_BATCH = 1_000;

    private KafkaRelayBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.getInteger("n", 20_000);
        int rounds = Integer.getInteger("rounds", 3);
        int total = Integer.getInteger("total", 1_000_000);
        int code = 0;
        try (TestDatabase db = BenchServer.createDatabase("kbench"); TestKafka kafka = TestKafka.create("kbench")) {
            System.out.println(Environment.describe(db) + "; Kafka " + kafka.broker().kind() + " (KRaft, 1 node)");
            if (!Boolean.getBoolean("sizeOnly")) {
                relayThroughput(db, kafka, n, rounds);
                writeOverhead(db, n, rounds);
            }
            if (total > 0) {
                outboxSize(db, kafka, total);
            }
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    private static Map<String, String> kafkaSettings(TestKafka kafka, String prefix, String outboxRetention) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap", kafka.bootstrap());
        s.put("kafka.topic-prefix", prefix);
        s.put("kafka.partitions", "12");
        s.put("kafka.replication-factor", "1");
        s.put("kafka.outbox-retention", outboxRetention);
        s.put("kafka.relay.batch-size", System.getProperty("relayBatch", "1000"));
        return s;
    }

    // 1. Relay vs raw producer ------------------------------------------------------------------------------------

    private static void relayThroughput(TestDatabase db, TestKafka kafka, int n, int rounds) throws Exception {
        String prefix = kafka.freshPrefix();
        double[] relay = new double[rounds + 1];
        double[] raw = new double[rounds + 1];
        double[] rawTx = new double[rounds + 1];
        try (TetoData data = TetoData.builder().configure(db.settings()).configure(kafkaSettings(kafka, prefix, "PT1H"))
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
                KafkaProducer<String, byte[]> producer = rawProducer(kafka.bootstrap(), null);
                KafkaProducer<String, byte[]> transactional = rawProducer(kafka.bootstrap(), prefix + "raw-tx")) {
            transactional.initTransactions();
            String rawTopic = prefix + "raw-events";
            createTopic(kafka.bootstrap(), rawTopic);
            for (int round = 0; round <= rounds; round++) {   // round 0 warms up
                List<DomainEvent> events = events(n);
                write(data, events);
                long t0 = System.nanoTime();
                int published = data.events().drain();
                relay[round] = seconds(t0);
                if (published != n) {
                    throw new IllegalStateException("relay published " + published + " of " + n);
                }
                t0 = System.nanoTime();
                sendRaw(producer, rawTopic, events);
                raw[round] = seconds(t0);
                t0 = System.nanoTime();
                for (int from = 0; from < events.size(); from += WRITE_BATCH) {
                    transactional.beginTransaction();
                    for (DomainEvent e : events.subList(from, Math.min(events.size(), from + WRITE_BATCH))) {
                        transactional.send(rawRecord(rawTopic, e));
                    }
                    transactional.commitTransaction();
                }
                rawTx[round] = seconds(t0);
            }
        }
        double r = median(relay);
        double p = median(raw);
        double t = median(rawTx);
        System.out.printf("%n1. Relay throughput, n = %,d events, median of %d rounds%n", n, rounds);
        System.out.printf("| variant | seconds | events/s |%n|---|---|---|%n");
        System.out.printf("| outbox + relay (read, send, acks, mark) | %.3f | %,.0f |%n", r, n / r);
        System.out.printf("| raw idempotent producer, same records | %.3f | %,.0f |%n", p, n / p);
        System.out.printf("| raw idempotent producer, one transaction per 1,000 (as the relay) | %.3f | %,.0f |%n", t, n / t);
        System.out.printf("relay/raw time ratio: %.2f; relay/raw-transactional: %.2f (rounds: relay %s, raw %s, "
                + "raw-tx %s)%n", r / p, r / t, rest(relay), rest(raw), rest(rawTx));
    }

    private static KafkaProducer<String, byte[]> rawProducer(String bootstrap, String transactionalId) {
        Map<String, Object> p = new HashMap<>();
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** What the relay sends, built the same way (envelope and headers), then every ack awaited. */
    private static void sendRaw(KafkaProducer<String, byte[]> producer, String topic, List<DomainEvent> events)
            throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (DomainEvent e : events) {
            acks.add(producer.send(rawRecord(topic, e)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(60, TimeUnit.SECONDS);
        }
    }

    private static ProducerRecord<String, byte[]> rawRecord(String topic, DomainEvent e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, null, e.occurredAt().toEpochMilli(),
                e.aggregateId().toString(), Envelope.write(e));
        r.headers().add(new RecordHeader(Envelope.HEADER_EVENT_ID, e.id().toString().getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(Envelope.HEADER_EVENT_TYPE, e.type().getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(Envelope.HEADER_SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    // 2. Outbox write overhead ------------------------------------------------------------------------------------

    private static void writeOverhead(TestDatabase db, int n, int rounds) {
        double[] with = new double[rounds + 1];
        double[] without = new double[rounds + 1];
        try (TetoData data = TetoData.builder().configure(db.settings())
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            for (int round = 0; round <= rounds; round++) {
                boolean withFirst = round % 2 == 0;
                for (int pass = 0; pass < 2; pass++) {
                    boolean publish = (pass == 0) == withFirst;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        DomainEvent event = event(UUID.randomUUID(), i);
                        data.useTransaction(tx -> {
                            tx.metrics().record(new NewSystemMetric("bench.tx", BigDecimal.ONE, Map.of("i", 1), null));
                            if (publish) {
                                tx.publish(event);
                            }
                        });
                    }
                    (publish ? with : without)[round] = seconds(t0);
                }
            }
        }
        double w = median(with);
        double wo = median(without);
        System.out.printf("%n2. Outbox write overhead per SDK transaction, n = %,d transactions, median of %d rounds%n",
                n, rounds);
        System.out.printf("| variant | seconds | µs per transaction |%n|---|---|---|%n");
        System.out.printf("| metric insert + tx.publish (one outbox row) | %.3f | %.0f |%n", w, w * 1e6 / n);
        System.out.printf("| metric insert only | %.3f | %.0f |%n", wo, wo * 1e6 / n);
        System.out.printf("outbox row: +%.0f µs per transaction, time ratio %.2f%n", (w - wo) * 1e6 / n, w / wo);
    }

    // 3. Outbox size under sustained load -------------------------------------------------------------------------

    private static void outboxSize(TestDatabase db, TestKafka kafka, int total) throws Exception {
        int writers = Integer.getInteger("writers", 2);
        int perTx = Integer.getInteger("perTx", 2);
        String prefix = kafka.freshPrefix();
        long[] max = {0, 0};
        try (TetoData data = TetoData.builder().configure(db.settings()).configure(kafkaSettings(kafka, prefix, "PT4S"))
                .dispatcher(DispatcherOptions.DEFAULTS).build();
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            truncateOutbox(c);
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (writing.get()) {
                    try {
                        long[] size = size(c);
                        if (size[0] > max[0]) {
                            max[0] = size[0];
                            max[1] = size[1];
                        }
                        Thread.sleep(500);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "outbox-size-sampler");
            sampler.start();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> work = new ArrayList<>();
            int share = total / writers;
            for (int w = 0; w < writers; w++) {
                long writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < share; i += perTx) {
                        int first = i;
                        UUID user = new UUID(writer, i / 40);   // a user's 40 events, then the next user
                        data.useTransaction(tx -> {
                            for (int k = 0; k < perTx; k++) {
                                tx.publish(event(user, first + k));
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            double writeSeconds = seconds(t0);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (unpublished(c) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double allPublished = seconds(t0);
            writing.set(false);
            sampler.join();
            Thread.sleep(12_000);   // past the retention: the relay's purges empty the published slots
            data.events().drain();
            long[] end = size(c);
            int written = share * writers;
            System.out.printf("%n3. Outbox size, %,d events in transactions of %d from %d threads, relay running, "
                    + "outbox-retention 4 s%n", written, perTx, writers);
            System.out.printf("written in %.1f s (%,.0f events/s), all published %.1f s after the start%n", writeSeconds,
                    written / writeSeconds, allPublished);
            System.out.printf("| when | outbox rows | outbox bytes (8 partitions + indexes) |%n|---|---|---|%n");
            System.out.printf("| largest sample during the run (every 0.5 s) | %,d | %s |%n", max[1], mb(max[0]));
            System.out.printf("| at the end | %,d | %s |%n", end[1], mb(end[0]));
            double perRow = max[1] == 0 ? 0 : (double) max[0] / max[1];
            System.out.printf("the same %,d rows kept (%.0f bytes per row at the largest sample): about %s%n", written,
                    perRow, mb((long) (perRow * written)));
        }
    }

    private static void truncateOutbox(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE outbox");
        }
    }

    private static long[] size(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COALESCE(sum(pg_total_relation_size(inhrelid)), 0) "
                        + "FROM pg_inherits WHERE inhparent = 'outbox'::regclass), (SELECT count(*) FROM outbox)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static long unpublished(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE delivered_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // helpers -----------------------------------------------------------------------------------------------------

    /** Events of 500 users, the shape of the library's own (a small payload of ids and numbers). */
    private static List<DomainEvent> events(int n) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            users.add(UUID.randomUUID());
        }
        List<DomainEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(event(users.get(i % users.size()), i));
        }
        return events;
    }

    private static DomainEvent event(UUID user, int i) {
        return DomainEvent.of("bench.tick", 1, "user", user, Map.of("seq", i, "assessmentId", UUID.randomUUID().toString(),
                "durationSeconds", 312, "status", "completed"));
    }

    private static void write(TetoData data, List<DomainEvent> events) {
        for (int from = 0; from < events.size(); from += WRITE_BATCH) {
            List<DomainEvent> batch = events.subList(from, Math.min(events.size(), from + WRITE_BATCH));
            data.useTransaction(tx -> batch.forEach(tx::publish));
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Median of the measured rounds (index 0 is the warm-up). */
    private static double median(double[] all) {
        double[] measured = Arrays.copyOfRange(all, 1, all.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static String rest(double[] all) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < all.length; i++) {
            b.append(i > 1 ? " " : "").append(String.format("%.3f", all[i]));
        }
        return b.toString();
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1_048_576.0);
    }

}

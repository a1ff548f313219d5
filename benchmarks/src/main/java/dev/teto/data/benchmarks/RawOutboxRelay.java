package dev.teto.data.benchmarks;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox relay the raw baseline's developer writes by hand, so that an event is never lost between a commit
 * and a send: every event row goes in with its state change ({@link #insert}), and one thread publishes the
 * committed rows in commit order, waits for the broker's acks, and marks them delivered. It polls every
 * {@link #POLL_MILLIS} ms, the SDK relay's default linger; a full batch is followed at once by the next.
 *
 * <p>Simpler than the SDK's relay (no Kafka transaction, no advisory lock for several relays, no backoff per
 * aggregate): what one careful service with one relay needs, not what a library must guarantee.
 */
final class RawOutboxRelay implements AutoCloseable {
    static final int POLL_MILLIS = 100;
    private static final int BATCH = 1000;
    private static final String INSERT = "INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type,"
            + " event_version, payload, actor, occurred_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)";
    /** Committed rows only, in commit order: a row whose transaction started before an open one waits for it. */
    private static final String PENDING = "SELECT id, aggregate_id, event_type, payload::text FROM outbox"
            + " WHERE delivered_at IS NULL AND tx_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " ORDER BY tx_id, seq LIMIT " + BATCH;
    private static final String MARK = "UPDATE outbox SET delivered_at = CURRENT_TIMESTAMP WHERE id = ANY(?)";

    private final RawJdbc raw;
    private final Producer<String, String> producer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;

    RawOutboxRelay(Map<String, String> settings, Producer<String, String> producer, String topic) {
        this.raw = RawJdbc.connect(settings);
        this.producer = producer;
        this.topic = topic;
        this.thread = new Thread(this::loop, "raw-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** One event row, in the caller's transaction. */
    static void insert(Connection connection, UUID userId, String type, Map<String, Object> payload)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            RawJdbcCompletion.bindEvent(ps, 0, userId, type, payload);
            ps.executeUpdate();
        }
    }

    private void loop() {
        while (running) {
            int[] published = {0};
            raw.inTransaction(() -> published[0] = cycle());
            if (published[0] < BATCH) {
                sleep();
            }
        }
        raw.inTransaction(this::cycle);   // what the last takers committed
    }

    private int cycle() throws SQLException {
        Connection c = raw.connection();
        List<UUID> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PENDING); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
                acks.add(producer.send(new ProducerRecord<>(topic, rs.getString(2),
                        "{\"type\":\"" + rs.getString(3) + "\",\"payload\":" + rs.getString(4) + "}")));
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("raw relay: a send failed; nothing is marked", e);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
        return ids.size();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after publishing what is committed by now. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        raw.close();
    }
}

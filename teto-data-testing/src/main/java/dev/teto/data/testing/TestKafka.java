package dev.teto.data.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka fixture a {@link TetoDataTest} class gets: a topic prefix of its own on the {@linkplain KafkaBrokers#shared()
 * shared broker}, and the {@code kafka.*} settings pointing at it, with timeouts short enough for outage tests.
 * {@link #freshPrefix()} gives a test method a prefix (and so topics and consumer groups) of its own. Closing deletes
 * the class's topics.
 */
public final class TestKafka implements AutoCloseable {
    /** Partitions per event topic in tests: enough to interleave users, few enough to start fast. */
    public static final int PARTITIONS = 4;

    private final KafkaBroker broker;
    private final String prefix;
    private final AtomicInteger children = new AtomicInteger();

    private TestKafka(KafkaBroker broker, String prefix) {
        this.broker = broker;
        this.prefix = prefix;
    }

    /** A fixture of its own on the shared broker (starting it if needed). */
    public static TestKafka create(String nameHint) {
        String hint = nameHint.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String prefix = "t." + (hint.length() > 30 ? hint.substring(0, 30) : hint) + "."
                + UUID.randomUUID().toString().substring(0, 8) + ".";
        return new TestKafka(KafkaBrokers.shared(), prefix);
    }

    static TestStore.StoreFixture open(String nameHint) {
        TestKafka kafka = create(nameHint);
        return new TestStore.StoreFixture(kafka, kafka.settings(), kafka);
    }

    public KafkaBroker broker() {
        return broker;
    }

    public String bootstrap() {
        return broker.bootstrap();
    }

    public String topicPrefix() {
        return prefix;
    }

    /** {@code kafka.*} settings for {@code TetoData.builder().configure(...)} with this fixture's prefix. */
    public Map<String, String> settings() {
        return settings(prefix);
    }

    /** The settings with a prefix no other call returned: topics and consumer groups of their own. */
    public Map<String, String> freshSettings() {
        return settings(freshPrefix());
    }

    public String freshPrefix() {
        return prefix + children.incrementAndGet() + ".";
    }

    private Map<String, String> settings(String topicPrefix) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap", broker.bootstrap());
        s.put("kafka.topic-prefix", topicPrefix);
        s.put("kafka.partitions", Integer.toString(PARTITIONS));
        s.put("kafka.replication-factor", "1");
        s.put("kafka.request-timeout", "PT3S");
        s.put("kafka.delivery-timeout", "PT5S");
        s.put("kafka.api-timeout", "PT10S");
        s.put("kafka.relay.poll-interval", "PT0.05S");
        s.put("kafka.initial-backoff", "PT0.02S");
        s.put("kafka.max-backoff", "PT0.5S");
        return s;
    }

    /** Deletes every topic this fixture's prefix names; best effort. */
    @Override
    public void close() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            Set<String> names = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<String> ours = names.stream().filter(n -> n.startsWith(prefix)).toList();
            if (!ours.isEmpty()) {
                admin.deleteTopics(ours).all().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the broker may be stopped by a test; topics die with its temp directory
        }
    }

    @Override
    public String toString() {
        return "TestKafka[" + broker.kind() + ", prefix " + prefix + "]";
    }
}

package dev.teto.data.kafka.internal;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The topics, all named {@code <prefix><name>} (docs/events.md lists them):
 * <ul>
 *   <li>{@code events}: every outbox event, keyed by aggregate (user) id, so one user's events share a partition and
 *       keep their order; deleted after the retention;</li>
 *   <li>{@code user-snapshots}: compacted, the latest {@code user.registered}/{@code user.updated} state per user,
 *       and a tombstone (null value) when the user is deleted or erased, so compaction forgets them;</li>
 *   <li>{@code dlq.<group>}: one consumer group's dead letters, one partition (oldest first), kept longer.</li>
 * </ul>
 */
public final class Topics {
    public static final String EVENTS = "events";
    public static final String USER_SNAPSHOTS = "user-snapshots";
    public static final String DEAD_LETTERS = "dlq.";

    private final KafkaOptions options;

    public Topics(KafkaOptions options) {
        this.options = options;
    }

    public String events() {
        return options.topicPrefix() + EVENTS;
    }

    public String userSnapshots() {
        return options.topicPrefix() + USER_SNAPSHOTS;
    }

    /** Every compacted topic: the ones an erasure writes the user's tombstone to. */
    public List<String> compacted() {
        return List.of(userSnapshots());
    }

    public String deadLetters(String group) {
        return options.topicPrefix() + DEAD_LETTERS + group.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The consumer group id Kafka knows a teto-data group by. */
    public String groupId(String group) {
        return options.topicPrefix() + group;
    }

    /** Creates the event and snapshot topics if missing (or checks they exist when creation is off). */
    public void ensureEventTopics(Admin admin) {
        long retention = options.retention().toMillis();
        ensure(admin, List.of(
                topic(events(), options.partitions(), Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention),
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)),
                topic(userSnapshots(), options.partitions(), Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(retention)))));
    }

    public void ensureDeadLetterTopic(Admin admin, String group) {
        ensure(admin, List.of(topic(deadLetters(group), 1, Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(options.deadLetterRetention().toMillis())))));
    }

    private NewTopic topic(String name, int partitions, Map<String, String> config) {
        Optional<Short> replication = options.replicationFactor() == -1 ? Optional.empty()
                : Optional.of(options.replicationFactor());
        return new NewTopic(name, Optional.of(partitions), replication).configs(config);
    }

    private void ensure(Admin admin, List<NewTopic> topics) {
        long timeout = options.apiTimeout().toMillis();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (!options.createTopics()) {
                throw new DataAccessException(KafkaErrors.STORE, "topic " + missing.get(0).name()
                        + " does not exist and topic creation is off (kafka.create-topics)", null);
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(timeout, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaErrors.translate("creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw KafkaErrors.translate("creating topics", e);
        }
    }
}

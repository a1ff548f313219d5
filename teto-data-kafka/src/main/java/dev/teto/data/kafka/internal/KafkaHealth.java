package dev.teto.data.kafka.internal;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code kafka}: whether the cluster answers within two seconds, and how far this prefix's consumer groups (the
 * handlers' group and each processor's) are behind the events topic. An unreachable broker is DEGRADED, not DOWN:
 * writes go on, the backlog waits in the outbox ({@code outbox-relay} shows how much) and drains on recovery.
 *
 * <p>{@code consumer_lag_events} sums, over the groups, the committed offset's distance to the topic's last stable
 * offset (a caught-up group shows 0: its commits are past the relay's transaction markers);
 * {@code consumer_lag_max_group} is the worst group's. When the lag cannot be read in time the component stays UP
 * with {@code consumer_lag_unknown}: lag is a number to watch, not a failure.
 */
final class KafkaHealth implements HealthIndicator {
    static final String NAME = "kafka";
    private static final int TIMEOUT_MS = 2_000;
    /** The lag look-ups (four round trips) share one short bound, so health never waits long for them. */
    private static final int LAG_TIMEOUT_MS = 1_500;

    private final Admin admin;
    private final Topics topics;
    private final String groupPrefix;

    KafkaHealth(Admin admin, Topics topics) {
        this.admin = admin;
        this.topics = topics;
        this.groupPrefix = topics.groupId("");
    }

    @Override
    public ComponentHealth check() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
            metrics.put("ping_ms", (System.nanoTime() - t0) / 1_000_000);
            metrics.put("brokers", brokers);
        } catch (Exception e) {
            return ComponentHealth.degraded(NAME, "the cluster does not answer (" + e.getClass().getSimpleName()
                    + "); events wait in the outbox", Map.of());
        }
        try {
            lag(metrics, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LAG_TIMEOUT_MS));
        } catch (Exception e) {
            metrics.put("consumer_lag_unknown", 1);
        }
        return ComponentHealth.up(NAME, metrics);
    }

    private void lag(Map<String, Object> metrics, long deadline) throws Exception {
        List<String> groups = admin.listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(left(deadline))).all()
                .get(left(deadline), TimeUnit.MILLISECONDS).stream().map(ConsumerGroupListing::groupId)
                .filter(g -> g.startsWith(groupPrefix) && !g.endsWith(".dlq-replay")).toList();
        metrics.put("consumer_groups", groups.size());
        if (groups.isEmpty()) {
            metrics.put("consumer_lag_events", 0L);
            return;
        }
        Map<TopicPartition, Long> ends = endOffsets(deadline);
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec().topicPartitions(ends.keySet())));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin
                .listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(left(deadline))).all()
                .get(left(deadline), TimeUnit.MILLISECONDS);
        long total = 0;
        long worst = 0;
        for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
            long group = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = offsets == null ? null : offsets.get(end.getKey());
                group += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
            total += group;
            worst = Math.max(worst, group);
        }
        metrics.put("consumer_lag_events", total);
        metrics.put("consumer_lag_max_group", worst);
    }

    private Map<TopicPartition, Long> endOffsets(long deadline) throws Exception {
        String events = topics.events();
        int partitions = admin.describeTopics(List.of(events), new DescribeTopicsOptions().timeoutMs(left(deadline)))
                .allTopicNames().get(left(deadline), TimeUnit.MILLISECONDS).get(events).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(events, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(left(deadline)))
                .all().get(left(deadline), TimeUnit.MILLISECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Milliseconds left before {@code deadline}, at least 1 (a spent bound fails the next call at once). */
    private static int left(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}

package dev.teto.data.kafka.internal;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code kafka}: whether the cluster answers within two seconds, and how far this prefix's consumer groups (the
 * handlers' group and each processor's) are behind the events topic. An unreachable broker is DEGRADED, not DOWN:
 * writes go on, the backlog waits in the outbox ({@code outbox-relay} shows how much) and drains on recovery.
 *
 * <p>{@code consumer_lag_events} sums, over the groups, the committed offset's distance to the topic's last stable
 * offset (a caught-up group shows 0: its commits are past the relay's transaction markers);
 * {@code consumer_lag_max_group} is the worst group's. When the lag cannot be read in time the component stays UP
 * with {@code consumer_lag_unknown}: lag is a number to watch, not a failure. What is a failure is a group that
 * stays behind and commits nothing for {@code consumerStallAfter} (a consumer blocked in a handler, or waiting out
 * a lost member's session): DEGRADED, naming the group, with {@code consumer_groups_stalled}. Each check compares
 * the committed offsets with those of the checks before it, so a stall shows from the first check that comes
 * {@code consumerStallAfter} after the group last moved.
 */
final class KafkaHealth implements HealthIndicator {
    static final String NAME = "kafka";
    private static final int TIMEOUT_MS = 2_000;
    /** The lag look-ups (four round trips) share one short bound, so health never waits long for them. */
    private static final int LAG_TIMEOUT_MS = 1_500;

    private final Admin admin;
    private final Topics topics;
    private final String groupPrefix;
    private final long stallAfterNanos;
    /** Per group behind the topic: the sum of its committed offsets, and since when (nanoTime) it has not moved. */
    private final Map<String, Position> behind = new ConcurrentHashMap<>();

    private record Position(long committed, long since) {
    }

    KafkaHealth(Admin admin, Topics topics, Duration stallAfter) {
        this.admin = admin;
        this.topics = topics;
        this.groupPrefix = topics.groupId("");
        this.stallAfterNanos = stallAfter.toNanos();
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
        List<String> stalled;
        try {
            stalled = lag(metrics, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LAG_TIMEOUT_MS));
        } catch (Exception e) {
            metrics.put("consumer_lag_unknown", 1);
            return ComponentHealth.up(NAME, metrics);
        }
        if (stalled.isEmpty()) {
            return ComponentHealth.up(NAME, metrics);
        }
        metrics.put("consumer_groups_stalled", stalled.size());
        return ComponentHealth.degraded(NAME, "consumer group(s) " + String.join(", ", stalled)
                + " behind the events topic with no commit for " + TimeUnit.NANOSECONDS.toSeconds(stallAfterNanos)
                + " s or more", metrics);
    }

    /** Puts the lag metrics; returns the groups that are behind and have not committed for the stall bound. */
    private List<String> lag(Map<String, Object> metrics, long deadline) throws Exception {
        Map<String, Boolean> groups = ownGroups(deadline);
        if (groups.isEmpty()) {
            metrics.put("consumer_groups", 0);
            metrics.put("consumer_lag_events", 0L);
            behind.clear();
            return List.of();
        }
        Map<TopicPartition, Long> ends = endOffsets(deadline);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committedOffsets(groups.keySet(), ends.keySet(),
                deadline);
        metrics.put("consumer_groups", committed.size());
        return measure(metrics, groups, ends, committed);
    }

    /** Puts each group's lag; returns the running groups that are behind and have not moved for the stall bound. */
    private List<String> measure(Map<String, Object> metrics, Map<String, Boolean> groups,
            Map<TopicPartition, Long> ends, Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {
        long total = 0;
        long worst = 0;
        long now = System.nanoTime();
        List<String> stalled = new ArrayList<>();
        for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> group : committed.entrySet()) {
            long lag = 0;
            long sum = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = group.getValue() == null ? null : group.getValue().get(end.getKey());
                long offset = at == null ? 0 : at.offset();
                lag += Math.max(0, end.getValue() - offset);
                sum += offset;
            }
            total += lag;
            worst = Math.max(worst, lag);
            boolean running = groups.getOrDefault(group.getKey(), true);
            if (stalled(group.getKey(), running && lag > 0, sum, now)) {
                stalled.add(group.getKey());
            }
        }
        behind.keySet().retainAll(committed.keySet());
        metrics.put("consumer_lag_events", total);
        metrics.put("consumer_lag_max_group", worst);
        return stalled;
    }

    /**
     * This prefix's groups, each with whether a consumer runs it: a group no consumer runs (a processor the host
     * dropped keeps its offsets for days) is behind, but not stalled.
     */
    private Map<String, Boolean> ownGroups(long deadline) throws Exception {
        Map<String, Boolean> groups = new LinkedHashMap<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(left(deadline)))
                .all().get(left(deadline), TimeUnit.MILLISECONDS)) {
            if (g.groupId().startsWith(groupPrefix) && !g.groupId().endsWith(".dlq-replay")) {
                groups.put(g.groupId(), g.groupState()
                        .map(state -> state != GroupState.EMPTY && state != GroupState.DEAD).orElse(true));
            }
        }
        return groups;
    }

    /** Each of this prefix's groups' committed offsets on the events topic (see {@link #dropOtherPrefixes}). */
    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets(Set<String> groups,
            Set<TopicPartition> partitions, long deadline) throws Exception {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>(admin
                .listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(left(deadline))).all()
                .get(left(deadline), TimeUnit.MILLISECONDS));
        dropOtherPrefixes(committed, partitions, deadline);
        return committed;
    }

    /**
     * Removes the groups of a longer prefix that this one's names also match ({@code prod.teto.} and
     * {@code prod.teto.eu.}): a group of ours has committed offsets on our events topic or, before its first commit,
     * members assigned to it.
     */
    private void dropOtherPrefixes(Map<String, Map<TopicPartition, OffsetAndMetadata>> committed,
            Set<TopicPartition> ours, long deadline) throws Exception {
        List<String> unknown = committed.entrySet().stream()
                .filter(e -> e.getValue() == null || e.getValue().values().stream().allMatch(Objects::isNull))
                .map(Map.Entry::getKey).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(unknown,
                new DescribeConsumerGroupsOptions().timeoutMs(left(deadline))).all().get(left(deadline), TimeUnit.MILLISECONDS);
        for (String group : unknown) {
            ConsumerGroupDescription d = described.get(group);
            boolean assignedOurs = d != null && d.members().stream()
                    .anyMatch(m -> m.assignment().topicPartitions().stream().anyMatch(ours::contains));
            if (!assignedOurs) {
                committed.remove(group);
            }
        }
    }

    /**
     * Whether {@code group}, run by a consumer and behind the topic, has not moved its committed offsets for the
     * stall bound; a group that is not both starts over.
     */
    private boolean stalled(String group, boolean runningAndBehind, long committed, long now) {
        if (!runningAndBehind) {
            behind.remove(group);
            return false;
        }
        Position last = behind.get(group);
        if (last == null || last.committed() != committed) {
            behind.put(group, new Position(committed, now));
            return false;
        }
        return now - last.since() >= stallAfterNanos;
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

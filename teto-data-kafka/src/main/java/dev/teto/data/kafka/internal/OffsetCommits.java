package dev.teto.data.kafka.internal;

import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A consumer's offsets of effects that took place and are not committed yet. One commit per poll, after every
 * effect in it; within a poll that takes long, intermediate commits that do not wait. Used only by the thread that
 * runs the consumer.
 */
final class OffsetCommits {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommits.class);
    /**
     * A poll whose records take long to handle (a slow handler over a backlog: 500 records at 300 ms each) commits
     * what took effect at least this often, without waiting, so a crash repeats less and health sees the group move.
     * The poll's own commit still follows.
     */
    private static final long COMMIT_AT_LEAST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String group;
    private final Duration apiTimeout;
    /** 5 s, or a third of the stall bound health uses if shorter. */
    private final long commitEveryNanos;
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long lastCommit = System.nanoTime();

    OffsetCommits(String group, KafkaOptions options) {
        this.group = group;
        this.apiTimeout = options.apiTimeout();
        this.commitEveryNanos = Math.min(COMMIT_AT_LEAST_EVERY_NANOS, options.consumerStallAfter().toNanos() / 3);
    }

    /** A new consumer starts from the group's committed offsets: what an earlier one held is not its to commit. */
    void reset() {
        uncommitted.clear();
    }

    /** Every record of {@code tp} before {@code next} took effect. */
    void tookEffect(TopicPartition tp, long next) {
        uncommitted.put(tp, new OffsetAndMetadata(next));
    }

    /**
     * The poll's commit: a crash repeats at most this poll's records, which the inbox absorbs. A commit per partition
     * cost the broker one offset write per partition of every poll. A commit that timed out is sent again with the
     * next poll's, even an empty one.
     */
    void commitPoll(Consumer<?, ?> c) {
        if (!uncommitted.isEmpty()) {
            c.commitSync(uncommitted, apiTimeout);
            uncommitted.clear();
        }
        lastCommit = System.nanoTime();
    }

    /**
     * Inside a poll that has taken long: commits what took effect so far without waiting (a failure only leaves it
     * to the poll's own commit, which includes it).
     */
    void commitIfDue(Consumer<?, ?> c, TopicPartition tp, long next) {
        if (System.nanoTime() - lastCommit < commitEveryNanos) {
            return;
        }
        tookEffect(tp, next);
        c.commitAsync(new HashMap<>(uncommitted), (offsets, failure) -> {
            if (failure != null) {
                LOG.debug("consumer group {}: an intermediate commit failed: {}", group, failure.getClass().getSimpleName());
            }
        });
        lastCommit = System.nanoTime();
    }
}

package dev.teto.data.api.spi;

import java.util.List;
import java.util.Set;

/**
 * A durable log of the outbox's events that named consumer groups read at their own pace: Kafka registers one; core
 * runs an in-process one over the outbox ({@link OutboxLog}) when none is registered. A group resumes where it
 * stopped, reads one aggregate's events in order, and is told about them at least once: consumers make their effects
 * idempotent by event id (the inbox, {@link InboxClaims}).
 *
 * <p>Failures: a {@link dev.teto.data.api.error.TransientDataException} is retried with backoff without limit (the
 * backlog waits); any other failure is retried up to the stream's attempts, then the event is dead-lettered with its
 * error and the group moves on.
 */
public interface EventStream {

    /** The transport's name for logs and health: {@code kafka}, {@code in-process}. */
    String name();

    /**
     * Starts a consumer group in the background.
     *
     * @param group      stable name: it keys the group's position and dead letters
     * @param eventTypes the types it reads (empty: every type); others are skipped
     * @param maxBatch   at most this many events per {@link EventBatchHandler#handle} call
     * @param background false: nothing runs until {@link EventSubscription#drain()} is called (tests, tools)
     */
    EventSubscription subscribe(String group, Set<String> eventTypes, int maxBatch, boolean background,
            EventBatchHandler handler);

    /** The group's dead letters not yet replayed, oldest first, at most {@code limit}. */
    List<DeadLetter> deadLetters(String group, int limit);

    /**
     * Hands the group's dead letters to {@code handler} again, oldest first, one at a time; each one that succeeds
     * leaves the dead letters, the first that fails again stops the replay.
     *
     * @return how many were replayed successfully
     */
    int replayDeadLetters(String group, EventBatchHandler handler);
}

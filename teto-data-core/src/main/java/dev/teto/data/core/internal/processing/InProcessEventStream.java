package dev.teto.data.core.internal.processing;

import dev.teto.data.api.spi.DeadLetter;
import dev.teto.data.api.spi.EventBatchHandler;
import dev.teto.data.api.spi.EventStream;
import dev.teto.data.api.spi.EventSubscription;
import dev.teto.data.api.spi.OutboxLog;
import dev.teto.data.core.processing.ProcessorOptions;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link EventStream} core runs when no transport registered one: each consumer group reads the outbox as a log
 * ({@link OutboxLog}) from its own position, in commit order, so a stopped group catches up on start and never holds
 * up the host's handlers or another group. Dead letters are the outbox's parked events for the group.
 */
public final class InProcessEventStream implements EventStream {
    private final OutboxLog log;
    private final ProcessorOptions options;

    public InProcessEventStream(OutboxLog log, ProcessorOptions options) {
        this.log = log;
        this.options = options;
    }

    @Override
    public String name() {
        return "in-process";
    }

    @Override
    public EventSubscription subscribe(String group, Set<String> eventTypes, int maxBatch, boolean background,
            EventBatchHandler handler) {
        LogSubscription subscription = new LogSubscription(log, group, eventTypes, maxBatch, handler, options);
        if (background) {
            subscription.start();
        }
        return subscription;
    }

    @Override
    public List<DeadLetter> deadLetters(String group, int limit) {
        return log.parked(group, limit);
    }

    @Override
    public int replayDeadLetters(String group, EventBatchHandler handler) {
        int replayed = 0;
        for (DeadLetter letter : log.parked(group, Integer.MAX_VALUE)) {
            try {
                handler.handle(List.of(letter.event()));
            } catch (Exception e) {
                return replayed;
            }
            Optional<DeadLetter> removed = log.unpark(group, letter.event().id());
            if (removed.isPresent()) {
                replayed++;
            }
        }
        return replayed;
    }
}

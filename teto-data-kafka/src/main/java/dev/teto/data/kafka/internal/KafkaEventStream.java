package dev.teto.data.kafka.internal;

import dev.teto.data.api.spi.DeadLetter;
import dev.teto.data.api.spi.EventBatchHandler;
import dev.teto.data.api.spi.EventStream;
import dev.teto.data.api.spi.EventSubscription;
import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.admin.Admin;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Kafka as the {@link EventStream}: consumer groups on the events topic, a dead-letter topic per group. */
public final class KafkaEventStream implements EventStream {
    private final KafkaOptions options;
    private final Topics topics;
    private final Admin admin;
    private final DeadLetters deadLetters;

    public KafkaEventStream(KafkaOptions options, Admin admin) {
        this.options = options;
        this.topics = new Topics(options);
        this.admin = admin;
        this.deadLetters = new DeadLetters(options, topics, admin);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public EventSubscription subscribe(String group, Set<String> eventTypes, int maxBatch, boolean background,
            EventBatchHandler handler) {
        Set<String> types = Set.copyOf(eventTypes);
        return subscribe(group, types.isEmpty() ? type -> true : types::contains, maxBatch, background, handler);
    }

    /** As {@link #subscribe(String, Set, int, boolean, EventBatchHandler)}, with the wanted types as a predicate. */
    EventSubscription subscribe(String group, Predicate<String> wanted, int maxBatch, boolean background,
            EventBatchHandler handler) {
        deadLetters.ensureTopic(group);
        KafkaSubscription s = new KafkaSubscription(options, topics, group, wanted, maxBatch, handler, deadLetters,
                admin);
        if (background) {
            s.start();
        }
        return s;
    }

    @Override
    public List<DeadLetter> deadLetters(String group, int limit) {
        return deadLetters.list(group, limit);
    }

    @Override
    public int replayDeadLetters(String group, EventBatchHandler handler) {
        return deadLetters.replay(group, handler);
    }

    public void close() {
        deadLetters.close();
    }
}

package dev.teto.data.kafka;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.scoring.ProfileScorer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Test takers and the raw topic, for the Kafka ITs. */
final class Takers {
    private Takers() {
    }

    /** Type by the sum of the Likert values: odd TETO, even EGEN, so cohorts have two types. */
    static ProfileScorer scorer() {
        return input -> {
            int sum = input.items().stream().mapToInt(i -> i.answer().value() == null ? 0 : i.answer().value()).sum();
            return ProfileDraft.of(sum % 2 == 1 ? "TETO" : "EGEN", "Type", Map.of("sum", sum));
        };
    }

    static String version() {
        return "k" + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<Question> questions(TetoOperations data, String version, int n) {
        List<NewQuestion> input = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            input.add(NewQuestion.likert(version, i, "cat", "sub", "Question " + i));
        }
        return data.questions().createAll(input);
    }

    static User user(TetoOperations data) {
        return data.users().create(NewUser.of("u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com", "Taker"));
    }

    /** Starts, answers every question (value and response time from {@code seed}), completes. */
    static Assessment complete(TetoOperations data, UUID userId, String version, List<Question> questions, int seed) {
        Assessment a = data.assessmentFlow().start(userId, version);
        List<AnswerInput> answers = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            int value = 1 + Math.floorMod(seed + i * 7, 5);
            int ms = 400 + Math.floorMod(seed * 31 + i * 977, 9000);
            answers.add(AnswerInput.likert(questions.get(i).id(), value, ms));
        }
        data.assessmentFlow().answerAll(a.id(), answers);
        data.assessmentFlow().complete(a.id());
        return a;
    }

    /** Every record of {@code topic} now, each partition in offset order (partitions one after another). */
    static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // read_committed ends at the last stable offset, which a committed transaction moves only once its
            // markers are written, a moment after commitTransaction() returned: read until the ends hold still.
            Map<TopicPartition, Long> ends = Map.of();
            Map<TopicPartition, Long> now = c.endOffsets(partitions, Duration.ofSeconds(10));
            while (!now.equals(ends)) {
                ends = now;
                Map<TopicPartition, Long> target = ends;
                while (partitions.stream().anyMatch(tp -> c.position(tp) < target.get(tp))) {
                    if (System.nanoTime() > deadline) {
                        fail("could not read " + topic + " to its end");
                    }
                    c.poll(Duration.ofMillis(200)).forEach(all::add);
                }
                sleep(Duration.ofMillis(150));
                now = c.endOffsets(partitions, Duration.ofSeconds(10));
            }
            all.sort(java.util.Comparator.comparing((ConsumerRecord<String, byte[]> r) -> r.partition())
                    .thenComparing(ConsumerRecord::offset));
            return all;
        }
    }

    static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " not within " + limit);
            }
            Thread.sleep(50);
        }
    }

    /** The {@code kafka.*} settings without their prefix, for building the module's internals in a test. */
    static Map<String, String> unprefixed(Map<String, String> settings) {
        Map<String, String> own = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                own.put(k.substring("kafka.".length()), v);
            }
        });
        return own;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

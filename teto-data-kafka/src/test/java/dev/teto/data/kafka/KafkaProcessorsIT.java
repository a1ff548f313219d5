package dev.teto.data.kafka;

import dev.teto.data.api.spi.EventStream;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;
import java.util.Map;

/** The processors on Kafka: consumer groups on the events topic, dead letters in their own topics. */
class KafkaProcessorsIT extends ProcessorsContract {
    private static TestKafka kafka;

    @BeforeAll
    static void broker() {
        kafka = TestKafka.create("processors");
    }

    @AfterAll
    static void deleteTopics() {
        kafka.close();
    }

    @Override
    protected TetoData open() {
        Map<String, String> settings = new HashMap<>(kafka.freshSettings());
        settings.put("kafka.max-attempts", "3");
        return TetoData.builder().configure(db.settings()).configure(settings).profileScorer(Takers.scorer())
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
    }

    @Override
    protected String expectedTransport() {
        return "kafka";
    }

    @Override
    protected EventStream stream(TetoData data) {
        return data.get(EventStream.class);
    }
}

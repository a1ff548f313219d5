package dev.teto.data.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * The only class that starts a Kafka container. The broker must advertise the address clients reach it by, which a
 * random mapped port makes unknown before start: we pick a free host port and bind it to the container's listener.
 */
final class KafkaContainerLauncher {
    static final String IMAGE = "apache/kafka:4.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaContainerLauncher.class);

    private KafkaContainerLauncher() {
    }

    @SuppressWarnings("resource")
    static KafkaBroker start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_NODE_ID", "1")
                .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                .withEnv("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://localhost:" + port)
                .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        container.setPortBindings(List.of(port + ":9092"));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "teto-kafka-container-shutdown"));
        String bootstrap = "localhost:" + port;
        LOG.info("Kafka container {} started at {}", IMAGE, bootstrap);
        return new KafkaBroker() {
            @Override
            public String bootstrap() {
                return bootstrap;
            }

            @Override
            public String kind() {
                return KIND_TESTCONTAINERS;
            }
        };
    }
}

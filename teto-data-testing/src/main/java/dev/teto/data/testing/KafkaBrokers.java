package dev.teto.data.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker shared by every test in this JVM. {@link #shared()} picks, once:
 * <ol>
 *   <li>an external broker, when {@code teto.kafka.bootstrap} or env {@code TETO_KAFKA_BOOTSTRAP} names one;</li>
 *   <li>a Testcontainers {@code apache/kafka} container, when a Docker engine answers (skip with
 *       {@code TETO_TESTCONTAINERS=false});</li>
 *   <li>an in-process KRaft broker ({@code kafka_2.13}, test scope), in a temp directory deleted at exit.</li>
 * </ol>
 * A broker started here stops in a JVM shutdown hook.
 */
public final class KafkaBrokers {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokers.class);
    private static final Object LOCK = new Object();
    private static volatile KafkaBroker shared;
    private static RuntimeException failure;

    private KafkaBrokers() {
    }

    public static KafkaBroker shared() {
        KafkaBroker broker = shared;
        if (broker != null) {
            return broker;
        }
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (failure != null) {
                throw new IllegalStateException("The shared Kafka broker failed to start earlier in this JVM", failure);
            }
            try {
                shared = start();
                return shared;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } catch (Exception e) {
                failure = new IllegalStateException("Could not start a Kafka broker for tests: " + e, e);
                throw failure;
            }
        }
    }

    private static KafkaBroker start() throws Exception {
        String external = setting("teto.kafka.bootstrap", "TETO_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            LOG.info("Using the external Kafka broker from TETO_KAFKA_BOOTSTRAP");
            String bootstrap = external.trim();
            return new KafkaBroker() {
                @Override
                public String bootstrap() {
                    return bootstrap;
                }

                @Override
                public String kind() {
                    return KIND_EXTERNAL;
                }
            };
        }
        String containers = setting("teto.testcontainers", "TETO_TESTCONTAINERS");
        if (!"false".equalsIgnoreCase(containers) && TestcontainersLauncher.dockerAvailable()) {
            return KafkaContainerLauncher.start();
        }
        return EmbeddedKafkaBroker.startNew();
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }
}

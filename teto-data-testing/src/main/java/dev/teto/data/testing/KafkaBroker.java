package dev.teto.data.testing;

/**
 * The Kafka broker tests in this JVM share ({@link KafkaBrokers#shared()}). An in-process one can be stopped and
 * started again on the same port and data, for outage tests; external and container brokers cannot.
 */
public interface KafkaBroker {
    String KIND_EXTERNAL = "external";
    String KIND_TESTCONTAINERS = "testcontainers";
    String KIND_EMBEDDED = "embedded";

    String bootstrap();

    String kind();

    /** Whether {@link #stop()} and {@link #start()} work: only for the in-process broker. */
    default boolean restartable() {
        return false;
    }

    /** Stops the broker, keeping its data; clients see connection refused until {@link #start()}. */
    default void stop() {
        throw new UnsupportedOperationException(kind() + " broker cannot be stopped by a test");
    }

    /** Starts it again after {@link #stop()} and waits until it answers. */
    default void start() {
        throw new UnsupportedOperationException(kind() + " broker cannot be started by a test");
    }
}

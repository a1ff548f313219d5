package dev.teto.data.testing;

/** The Kafka fixture a {@link TetoDataTest} class gets. Placeholder until the Kafka adapter's fixture lands. */
public final class TestKafka {
    private TestKafka() {
    }

    static TestStore.StoreFixture open(String nameHint) {
        throw new UnsupportedOperationException("Kafka fixture not implemented yet");
    }
}

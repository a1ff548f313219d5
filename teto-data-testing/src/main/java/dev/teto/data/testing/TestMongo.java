package dev.teto.data.testing;

/** The MongoDB fixture a {@link TetoDataTest} class gets. Placeholder until the MongoDB adapter's fixture lands. */
public final class TestMongo {
    private TestMongo() {
    }

    static TestStore.StoreFixture open(String nameHint) {
        throw new UnsupportedOperationException("MongoDB fixture not implemented yet");
    }
}

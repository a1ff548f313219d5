package dev.teto.data.testing;

/** The Redis fixture a {@link TetoDataTest} class gets. Placeholder until the Redis adapter's fixture lands. */
public final class TestRedis {
    private TestRedis() {
    }

    static TestStore.StoreFixture open(String nameHint) {
        throw new UnsupportedOperationException("Redis fixture not implemented yet");
    }
}

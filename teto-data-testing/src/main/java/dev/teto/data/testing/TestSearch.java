package dev.teto.data.testing;

/** The Elasticsearch fixture a {@link TetoDataTest} class gets. Placeholder until the Elasticsearch adapter's fixture lands. */
public final class TestSearch {
    private TestSearch() {
    }

    static TestStore.StoreFixture open(String nameHint) {
        throw new UnsupportedOperationException("Elasticsearch fixture not implemented yet");
    }
}

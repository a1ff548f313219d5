package dev.teto.data.testing;

import java.util.Map;

/**
 * A store {@link TetoDataTest} can start. Each knows how to give a test class an isolated space in the shared
 * server and the builder settings ({@code TetoData.builder().configure(...)}) that point at it; the test module
 * needs no compile-time dependency on any adapter.
 */
public enum TestStore {
    POSTGRES {
        @Override
        StoreFixture open(String nameHint) {
            TestDatabase db = TestDatabase.create(nameHint);
            return new StoreFixture(db, db.settings(), db);
        }
    };

    abstract StoreFixture open(String nameHint);

    /** What one store gives one test class: an injectable fixture, its settings, and how to clean up. */
    record StoreFixture(Object fixture, Map<String, String> settings, AutoCloseable cleanup) {
    }
}

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
    },
    /** Redis: a key prefix of its own on the shared server ({@link TestRedis}). */
    REDIS {
        @Override
        StoreFixture open(String nameHint) {
            return TestRedis.open(nameHint);
        }
    },
    /** A Redis Cluster (3 masters, formed on first use): a key prefix of its own ({@link TestRedis}). */
    REDIS_CLUSTER {
        @Override
        StoreFixture open(String nameHint) {
            return TestRedis.openCluster(nameHint);
        }
    },
    /** MongoDB: a database of its own on the shared server ({@link TestMongo}). */
    MONGO {
        @Override
        StoreFixture open(String nameHint) {
            return TestMongo.open(nameHint);
        }
    },
    /** Elasticsearch: an index prefix of its own on the shared node ({@link TestSearch}). */
    SEARCH {
        @Override
        StoreFixture open(String nameHint) {
            return TestSearch.open(nameHint);
        }
    },
    /** Kafka: a topic prefix of its own on the shared broker ({@link TestKafka}). */
    KAFKA {
        @Override
        StoreFixture open(String nameHint) {
            return TestKafka.open(nameHint);
        }
    };

    abstract StoreFixture open(String nameHint);

    /** What one store gives one test class: an injectable fixture, its settings, and how to clean up. */
    record StoreFixture(Object fixture, Map<String, String> settings, AutoCloseable cleanup) {
    }
}

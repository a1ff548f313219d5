package dev.teto.data.redis;

import dev.teto.data.api.spi.SessionStore;
import dev.teto.data.testing.contract.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The session store contract kit on one Redis server. */
class RedisSessionStoreIT extends SessionStoreContract {
    private static OpenedRedis redis;

    @BeforeAll
    static void open() {
        redis = OpenedRedis.standalone("RedisSessionStoreIT");
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Override
    protected SessionStore store() {
        return redis.one.sessions();
    }
}

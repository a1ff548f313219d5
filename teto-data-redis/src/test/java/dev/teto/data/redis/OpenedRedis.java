package dev.teto.data.redis;

import dev.teto.data.redis.internal.RedisConfig;
import dev.teto.data.redis.internal.RedisStore;
import dev.teto.data.testing.TestRedis;

import java.util.LinkedHashMap;
import java.util.Map;

/** Two stores on one test prefix, as two instances of a host would have them, and the fixture to look inside. */
final class OpenedRedis implements AutoCloseable {
    final TestRedis fixture;
    final RedisStore one;
    final RedisStore two;

    private OpenedRedis(TestRedis fixture, RedisStore one, RedisStore two) {
        this.fixture = fixture;
        this.one = one;
        this.two = two;
    }

    static OpenedRedis standalone(String hint) {
        return open(TestRedis.create(hint));
    }

    static OpenedRedis cluster(String hint) {
        return open(TestRedis.createOnCluster(hint));
    }

    private static OpenedRedis open(TestRedis fixture) {
        RedisOptions options = options(fixture.settings());
        RedisStore one = RedisStore.open(options);
        RedisStore two = RedisStore.open(options);
        return new OpenedRedis(fixture, one, two);
    }

    /** {@code redis.*} settings as the provider reads them. */
    static RedisOptions options(Map<String, String> settings) {
        Map<String, String> stripped = new LinkedHashMap<>();
        settings.forEach((k, v) -> stripped.put(k.substring("redis.".length()), v));
        return RedisConfig.read(stripped);
    }

    @Override
    public void close() {
        try {
            one.close();
            two.close();
        } finally {
            fixture.close();
        }
    }
}

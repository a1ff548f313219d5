package dev.teto.data.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.UserSession;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The raw-Lettuce side of {@link RedisBenchmark}: what a careful developer writes by hand against the same keys
 * for the same answer, with one connection and plain Jackson. Reads the values the SDK stored (same prefix, same
 * server), so both sides read identical bytes.
 */
final class RawRedis implements AutoCloseable {
    /** A hand-written GCRA over the user and IP buckets: the same algorithm, one script, as the SDK's. */
    private static final String GCRA = String.join("\n",
            "local now = tonumber(ARGV[1])",
            "local tats = {}",
            "for i = 1, #KEYS do",
            "  local t = tonumber(ARGV[1 + 2 * i])",
            "  local period = tonumber(ARGV[2 + 2 * i])",
            "  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')",
            "  if tat < now then tat = now end",
            "  if tat + t - period > now + 0.5 then return {0, math.ceil(tat + t - period - now)} end",
            "  tats[i] = tat + t",
            "end",
            "for i = 1, #KEYS do",
            "  redis.call('SET', KEYS[i], string.format('%.3f', tats[i]), 'PX', string.format('%.0f', math.max(1, math.ceil((tats[i] - now) / 1000))))",
            "end",
            "return {1, 0}");

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final String gcraSha;
    private final ObjectMapper mapper;

    RawRedis(String uri, String prefix) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect(StringCodec.UTF8);
        this.redis = connection.sync();
        this.prefix = prefix;
        this.gcraSha = redis.scriptLoad(GCRA);
        SimpleModule time = new SimpleModule();
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        this.mapper = new ObjectMapper().registerModule(time)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** HGET the cached session, decode it, compare the token hash in constant time, check it is live. */
    boolean sessionLive(UUID sessionId, String tokenHash, Instant now) {
        String json = redis.hget(prefix + "SESSION:" + sessionId, "value");
        if (json == null) {
            throw new IllegalStateException("the session is not cached");
        }
        UserSession s = decode(json, UserSession.class);
        return MessageDigest.isEqual(s.tokenHash().getBytes(StandardCharsets.UTF_8),
                tokenHash.getBytes(StandardCharsets.UTF_8)) && s.isLive(now);
    }

    /** One script over the user and IP buckets. */
    boolean rateLimit(UUID user, String ip, String endpoint, long periodMillis, int requests) {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        double t = periodMillis * 1000.0 / requests;
        String window = (periodMillis / 1000) + "s";
        List<Object> reply = redis.evalsha(gcraSha, ScriptOutputType.MULTI,
                new String[] {prefix + "RATE_LIMIT:" + user + ":" + endpoint + ":" + window,
                    prefix + "RATE_LIMIT_IP:" + ip + ":" + endpoint + ":" + window},
                Long.toString(now), "", Double.toString(t), Long.toString(periodMillis * 1000),
                Double.toString(t), Long.toString(periodMillis * 1000));
        return ((Number) reply.get(0)).longValue() == 1;
    }

    /** HGET the cached latest profile and decode it. */
    Profile profile(UUID userId) {
        String json = redis.hget(prefix + "PROFILE:" + userId + ":latest", "value");
        if (json == null) {
            throw new IllegalStateException("the profile is not cached");
        }
        return decode(json, Profile.class);
    }

    /** HGET the cached question and decode it. */
    Question question(UUID questionId) {
        String json = redis.hget(prefix + "QUESTION:" + questionId, "value");
        if (json == null) {
            throw new IllegalStateException("the question is not cached");
        }
        return decode(json, Question.class);
    }

    /** HSET {@code value} of a prefixed key, waiting for the reply. */
    void put(String key, String json) {
        redis.hset(prefix + key, "value", json);
    }

    /** HSET without waiting for the reply: a write-behind, as a cache update after a commit should be. */
    void putBehind(String key, String json) {
        connection.async().hset(prefix + key, "value", json);
    }

    /** HGET {@code value} of a prefixed key; null on a miss. */
    String get(String key) {
        return redis.hget(prefix + key, "value");
    }

    <T> T read(String json, Class<T> type) {
        return decode(json, type);
    }

    private <T> T decode(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode a " + type.getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}

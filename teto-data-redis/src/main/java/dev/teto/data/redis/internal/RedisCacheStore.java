package dev.teto.data.redis.internal;

import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.spi.CacheStore;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.UUID;

/**
 * {@link CacheStore} on Redis. Every value is a hash: {@code value} (JSON) for questions, profiles and popular
 * insights; {@code questions_answered} and {@code current_question} for {@code ASSESSMENT_PROGRESS}, as the seed
 * has it. Leases are two more fields of the same hash ({@link LeaseScripts}).
 */
final class RedisCacheStore implements CacheStore {
    static final String VALUE = "value";
    static final String ANSWERED = "questions_answered";
    static final String CURRENT = "current_question";

    /** KEYS[1]. Returns {json, pttl}, or {} on a miss. */
    private static final Scripts GET = Scripts.of(ScriptOutputType.MULTI,
            "local v = redis.call('HGET', KEYS[1], 'value')",
            "if not v then return {} end",
            "return {v, redis.call('PTTL', KEYS[1])}");

    /** KEYS[1]. Returns {questions_answered, current_question or '', pttl} or {} on a miss. */
    private static final Scripts GET_PROGRESS = Scripts.of(ScriptOutputType.MULTI,
            "local v = redis.call('HMGET', KEYS[1], 'questions_answered', 'current_question')",
            "if not v[1] then return {} end",
            "return {v[1], v[2] or '', redis.call('PTTL', KEYS[1])}");

    /** KEYS[1]; ARGV: json, ttl ms. Replaces the value and cancels any lease (a newer value than a load's). */
    private static final Scripts PUT = Scripts.of(ScriptOutputType.INTEGER,
            "redis.call('DEL', KEYS[1])",
            "redis.call('HSET', KEYS[1], 'value', ARGV[1])",
            "redis.call('PEXPIRE', KEYS[1], ARGV[2])",
            "return 1");

    /**
     * KEYS[1]; ARGV: questions answered, current question ('' for none), ttl ms. Answers from several threads and
     * instances store their figures in any order, so progress never goes back: a count lower than the stored one is
     * ignored (the TTL is still renewed).
     * Cancels any lease, like {@link #PUT}.
     */
    private static final Scripts PUT_PROGRESS = Scripts.of(ScriptOutputType.INTEGER,
            "local cur = tonumber(redis.call('HGET', KEYS[1], 'questions_answered') or '-1')",
            "redis.call('HDEL', KEYS[1], 'lease', 'lease_until')",
            "if tonumber(ARGV[1]) >= cur then",
            "  redis.call('HSET', KEYS[1], 'questions_answered', ARGV[1])",
            "  if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'current_question')",
            "  else redis.call('HSET', KEYS[1], 'current_question', ARGV[2]) end",
            "end",
            "redis.call('PEXPIRE', KEYS[1], ARGV[3])",
            "return 1");

    private final RedisConnections redis;
    private final RedisKeys keys;
    private final InvalidationBus bus;

    RedisCacheStore(RedisConnections redis, RedisKeys keys, InvalidationBus bus) {
        this.redis = redis;
        this.keys = keys;
        this.bus = bus;
    }

    @Override
    public <T> Optional<Cached<T>> get(String key, Class<T> type) {
        String stored = keys.cache(key);
        Instant now = Instant.now();
        if (RedisKeys.isProgress(key)) {
            requireProgress(type);
            List<Object> row = GET_PROGRESS.run(redis.sync(), new String[] {stored});
            if (row == null || row.size() < 3) {
                return Optional.empty();
            }
            String current = String.valueOf(row.get(1));
            AssessmentProgress progress = new AssessmentProgress(assessmentOf(key),
                    Integer.parseInt(String.valueOf(row.get(0))), current.isEmpty() ? null : UUID.fromString(current));
            return Optional.of(new Cached<>(type.cast(progress), expiresAt(now, row.get(2))));
        }
        List<Object> row = GET.run(redis.sync(), new String[] {stored});
        if (row == null || row.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Cached<>(Json.read(String.valueOf(row.get(0)), type), expiresAt(now, row.get(1))));
    }

    @Override
    public Optional<String> lease(String key, Duration ttl) {
        String valueField = RedisKeys.isProgress(key) ? ANSWERED : VALUE;
        String token = LeaseScripts.LEASE.run(redis.sync(), new String[] {keys.cache(key)},
                LeaseScripts.randomPart(), LeaseScripts.millis(ttl), valueField);
        return token == null || token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public boolean putLeased(String key, String token, Object value, Duration ttl) {
        String stored = keys.cache(key);
        List<String> args = new ArrayList<>(List.of(token, LeaseScripts.millis(ttl)));
        if (RedisKeys.isProgress(key)) {
            AssessmentProgress progress = requireProgress(value);
            args.addAll(List.of(ANSWERED, Integer.toString(progress.questionsAnswered())));
            if (progress.currentQuestion() != null) {
                args.addAll(List.of(CURRENT, progress.currentQuestion().toString()));
            }
        } else {
            args.addAll(List.of(VALUE, Json.write(value)));
        }
        Long result = LeaseScripts.PUT_LEASED.run(redis.sync(), new String[] {stored}, args.toArray(String[]::new));
        return result != null && result == 1L;
    }

    @Override
    public void put(String key, Object value, Duration ttl) {
        if (RedisKeys.isProgress(key)) {
            PUT_PROGRESS.run(redis.sync(), new String[] {keys.cache(key)}, progressArgs(requireProgress(value), ttl));
        } else {
            PUT.run(redis.sync(), new String[] {keys.cache(key)}, Json.write(value), LeaseScripts.millis(ttl));
        }
    }

    /** Sent without waiting for the reply: the answer that committed the figure need not wait for Redis. */
    @Override
    public CompletionStage<Void> putProgress(String key, AssessmentProgress progress, Duration ttl) {
        if (!RedisKeys.isProgress(key)) {
            throw new IllegalArgumentException("putProgress takes ASSESSMENT_PROGRESS keys");
        }
        return PUT_PROGRESS.<Long>runAsync(redis.async(), new String[] {keys.cache(key)}, progressArgs(progress, ttl))
                .thenApply(stored -> null);
    }

    private static String[] progressArgs(AssessmentProgress progress, Duration ttl) {
        return new String[] {Integer.toString(progress.questionsAnswered()),
                progress.currentQuestion() == null ? "" : progress.currentQuestion().toString(),
                LeaseScripts.millis(ttl)};
    }

    @Override
    public void invalidate(Collection<String> logicalKeys) {
        if (logicalKeys.isEmpty()) {
            return;
        }
        List<String> unique = logicalKeys.stream().distinct().toList();
        String[] stored = unique.stream().map(keys::cache).toArray(String[]::new);
        try {
            try {
                // a cluster client splits this by slot; a lease goes with its key
                redis.sync().del(stored);
            } catch (RuntimeException e) {
                throw RedisErrors.translate(e);
            }
            bus.publish(unique);
        } finally {
            // after the delete, so a local reader cannot refill its near cache from the old value; also when Redis
            // failed, so this instance at least is never stale
            bus.notifyLocal(unique);
        }
    }

    @Override
    public void evict(Collection<String> logicalKeys) {
        if (logicalKeys.isEmpty()) {
            return;
        }
        String[] stored = logicalKeys.stream().distinct().map(keys::cache).toArray(String[]::new);
        try {
            redis.sync().del(stored);
        } catch (RuntimeException e) {
            throw RedisErrors.translate(e);
        }
    }

    @Override
    public void addListener(Listener listener) {
        bus.addListener(listener);
    }

    private static Instant expiresAt(Instant now, Object pttl) {
        long millis = pttl instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(pttl));
        return millis < 0 ? Instant.MAX : now.plusMillis(millis);
    }

    private static UUID assessmentOf(String key) {
        return UUID.fromString(key.substring(RedisKeys.ASSESSMENT_PROGRESS.length()));
    }

    private static void requireProgress(Class<?> type) {
        if (!type.isAssignableFrom(AssessmentProgress.class)) {
            throw new IllegalArgumentException("ASSESSMENT_PROGRESS keys hold AssessmentProgress values");
        }
    }

    private static AssessmentProgress requireProgress(Object value) {
        if (value instanceof AssessmentProgress progress) {
            return progress;
        }
        throw new IllegalArgumentException("ASSESSMENT_PROGRESS keys hold AssessmentProgress values");
    }
}

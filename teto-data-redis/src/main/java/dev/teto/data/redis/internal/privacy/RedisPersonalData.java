package dev.teto.data.redis.internal.privacy;

import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.redis.internal.RedisConnections;
import dev.teto.data.redis.internal.RedisErrors;
import dev.teto.data.redis.internal.RedisKeys;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Redis's part in export and erasure: every key {@link UserKeys} attributes to the user, grouped by the seed's key
 * space (keys shown without the deployment's prefix). Erasure deletes them all, so repeating it finds nothing and
 * deletes nothing. Every command carries the adapter's command timeout; a failure is the adapter's
 * {@code TransientDataException}.
 */
public final class RedisPersonalData implements PersonalDataStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPersonalData.class);
    /** Keys per DEL: a cluster connection splits one DEL by slot, so this also bounds each node's command. */
    private static final int DELETE_BATCH = 100;
    static final String ERASE_DETAIL = "sessions, session index, cached profiles and rate-limit buckets of the user "
            + "and of their sessions' IP addresses deleted; assessment progress holds no user id and expires";

    private final RedisClusterCommands<String, String> redis;
    private final RedisKeys keys;
    private final UserKeys userKeys;

    public RedisPersonalData(RedisConnections connections, String prefix, Duration commandTimeout) {
        this.redis = connections.sync();
        this.keys = new RedisKeys(prefix);
        this.userKeys = new UserKeys(connections.sync(), connections.async(), keys, commandTimeout);
    }

    @Override
    public String store() {
        return RedisErrors.STORE;
    }

    @Override
    public Map<String, Object> export(UUID userId) {
        return translated(() -> {
            UserKeys.Found found = userKeys.find(userId);
            Map<String, Object> out = new LinkedHashMap<>();
            List<Object> index = new ArrayList<>();
            for (ScoredValue<String> member : redis.zrangeWithScores(found.index(), 0, -1)) {
                index.add(Map.of("member", member.getValue(), "expires_at_ms", (long) member.getScore()));
            }
            out.put(key(RedisKeys.USER_SESSIONS), index.isEmpty() ? List.of()
                    : List.of(entry(found.index(), Map.of("members", index))));
            List<Object> sessions = new ArrayList<>();
            found.sessions().forEach((key, json) -> {
                if (json != null) {
                    sessions.add(entry(key, Map.of("value", UserKeys.parse(json))));
                }
            });
            out.put(key(RedisKeys.SESSION), sessions);
            List<Object> profiles = new ArrayList<>();
            for (String key : found.profiles()) {
                String json = redis.hget(key, UserKeys.VALUE);
                if (json != null) {
                    profiles.add(entry(key, Map.of("value", UserKeys.parse(json))));
                }
            }
            out.put(key(RedisKeys.PROFILE), profiles);
            out.put(key(RedisKeys.RATE_LIMIT), buckets(found.userLimits()));
            out.put(key(RedisKeys.RATE_LIMIT_IP), buckets(found.ipLimits()));
            return out;
        });
    }

    @Override
    public StoreErasure erase(UUID userId) {
        return translated(() -> {
            List<String> all = userKeys.find(userId).all();
            long removed = 0;
            for (int i = 0; i < all.size(); i += DELETE_BATCH) {
                List<String> batch = all.subList(i, Math.min(all.size(), i + DELETE_BATCH));
                Long n = redis.del(batch.toArray(String[]::new));
                removed += n == null ? 0 : n;
            }
            LOG.info("redis erasure done: {} keys removed", removed);
            return new StoreErasure(removed, 0, ERASE_DETAIL);
        });
    }

    /** Rate-limit buckets: the bucket's state (a GCRA arrival time, epoch µs) as stored. */
    private List<Object> buckets(List<String> bucketKeys) {
        List<Object> out = new ArrayList<>();
        for (String key : bucketKeys) {
            String value = redis.get(key);
            if (value != null) {
                out.add(entry(key, Map.of("value", value)));
            }
        }
        return out;
    }

    private Map<String, Object> entry(String storedKey, Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", storedKey.substring(keys.prefix().length()));
        out.putAll(fields);
        return out;
    }

    /** The key space's name as the export's group: {@code SESSION}, {@code PROFILE}, ... */
    private static String key(String family) {
        return family.substring(0, family.length() - 1);
    }

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw RedisErrors.translate(e);
        }
    }
}

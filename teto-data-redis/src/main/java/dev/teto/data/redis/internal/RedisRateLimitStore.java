package dev.teto.data.redis.internal;

import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimitDecision;
import dev.teto.data.api.spi.RateLimitStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.SlotHash;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RateLimitStore} on Redis with GCRA (the generic cell rate algorithm): each bucket is one string key holding
 * its theoretical arrival time (TAT, epoch microseconds, to the nanosecond). A request at {@code now} with emission interval
 * {@code T = period / requests} is allowed when {@code max(TAT, now) + T - period <= now} (half a microsecond of float rounding tolerated), and then moves TAT to
 * {@code max(TAT, now) + T}. One read and one write per bucket inside one script: no compare-and-swap, no retry, so a
 * hot key costs the same as a cold one. The key expires when its bucket is full again ({@code TAT - now}).
 *
 * <p>All buckets of one call are checked and taken in one script when their keys share a hash slot (always on one
 * server). On a cluster the per-user and per-IP keys usually do not: then each slot's buckets go in one script, in
 * the order given, and when a later group denies, the earlier groups' takes are given back
 * ({@link #REFUND}). Between the take and the give-back those buckets count one request too many, so the limiter
 * may deny a little more than it should, never allow more (docs/schema-deviations.md).
 */
final class RedisRateLimitStore implements RateLimitStore {

    /**
     * KEYS: the buckets. ARGV[1] now (µs), ARGV[2] 1 to take or 0 to look, then per bucket: T (µs), period (µs).
     * Returns {1, remaining, 0} when every bucket allows (taking from all of them if asked), else {0, 0, wait µs}
     * with the longest wait.
     */
    private static final Scripts ACQUIRE = Scripts.of(ScriptOutputType.MULTI,
            "local now = tonumber(ARGV[1])",
            "local take = ARGV[2] == '1'",
            "local tats = {}",
            "local remaining = -1",
            "local wait = 0",
            "for i = 1, #KEYS do",
            "  local t = tonumber(ARGV[1 + 2 * i])",
            "  local period = tonumber(ARGV[2 + 2 * i])",
            "  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')",
            "  if tat < now then tat = now end",
            "  local next = tat + t",
            "  local allowAt = next - period",
            "  if allowAt > now + 0.5 then",
            "    if allowAt - now > wait then wait = math.ceil(allowAt - now) end",
            "  else",
            "    local left = math.floor((period - (next - now)) / t + 1e-9)",
            "    if remaining < 0 or left < remaining then remaining = left end",
            "  end",
            "  tats[i] = next",
            "end",
            "if wait > 0 then return {0, 0, string.format('%.0f', wait)} end",
            "if take then",
            "  for i = 1, #KEYS do",
            "    redis.call('SET', KEYS[i], string.format('%.3f', tats[i]), 'PX', string.format('%.0f', math.max(1, math.ceil((tats[i] - now) / 1000))))",
            "  end",
            "end",
            "return {1, remaining, 0}");

    /** KEYS: buckets taken from; ARGV[1] now (µs), then per bucket T (µs). Gives one request back to each. */
    private static final Scripts REFUND = Scripts.of(ScriptOutputType.INTEGER,
            "local now = tonumber(ARGV[1])",
            "for i = 1, #KEYS do",
            "  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')",
            "  local back = tat - tonumber(ARGV[1 + i])",
            "  if back <= now then redis.call('DEL', KEYS[i])",
            "  else redis.call('SET', KEYS[i], string.format('%.3f', back), 'PX', string.format('%.0f', math.max(1, math.ceil((back - now) / 1000)))) end",
            "end",
            "return 1");

    private final RedisConnections redis;
    private final RedisKeys keys;

    RedisRateLimitStore(RedisConnections redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public RateLimitDecision acquire(List<Bucket> buckets, Instant now) {
        if (buckets.isEmpty()) {
            return RateLimitDecision.allow(Integer.MAX_VALUE);
        }
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        List<List<Bucket>> groups = groups(buckets);
        List<List<Bucket>> taken = new ArrayList<>();
        int remaining = Integer.MAX_VALUE;
        for (int g = 0; g < groups.size(); g++) {
            Result result = run(groups.get(g), nowMicros, true);
            if (!result.allowed) {
                long wait = result.waitMicros;
                // the other groups may want longer: look without taking, so retry-after is the longest wait
                for (int later = g + 1; later < groups.size(); later++) {
                    wait = Math.max(wait, run(groups.get(later), nowMicros, false).waitMicros);
                }
                for (List<Bucket> group : taken) {
                    refund(group, nowMicros);
                }
                return RateLimitDecision.deny(Duration.of(wait, ChronoUnit.MICROS));
            }
            taken.add(groups.get(g));
            remaining = Math.min(remaining, result.remaining);
        }
        return RateLimitDecision.allow(remaining);
    }

    private record Result(boolean allowed, int remaining, long waitMicros) {
    }

    private Result run(List<Bucket> group, long nowMicros, boolean take) {
        String[] bucketKeys = new String[group.size()];
        List<String> args = new ArrayList<>(List.of(Long.toString(nowMicros), take ? "1" : "0"));
        for (int i = 0; i < group.size(); i++) {
            Bucket bucket = group.get(i);
            bucketKeys[i] = key(bucket);
            RateLimit limit = bucket.limit();
            long periodMicros = limit.period().toNanos() / 1000;
            args.add(Double.toString((double) periodMicros / limit.requests()));
            args.add(Long.toString(periodMicros));
        }
        List<Object> reply = ACQUIRE.run(redis.sync(), bucketKeys, args.toArray(String[]::new));
        boolean allowed = number(reply.get(0)) == 1;
        return new Result(allowed, (int) Math.min(Integer.MAX_VALUE, number(reply.get(1))), number(reply.get(2)));
    }

    private void refund(List<Bucket> group, long nowMicros) {
        String[] bucketKeys = new String[group.size()];
        List<String> args = new ArrayList<>(List.of(Long.toString(nowMicros)));
        for (int i = 0; i < group.size(); i++) {
            bucketKeys[i] = key(group.get(i));
            RateLimit limit = group.get(i).limit();
            // exactly what ACQUIRE added to a bucket it took from
            args.add(Double.toString((double) (limit.period().toNanos() / 1000) / limit.requests()));
        }
        REFUND.run(redis.sync(), bucketKeys, args.toArray(String[]::new));
    }

    /** Buckets by hash slot, in the order given; one group on a single server. */
    private List<List<Bucket>> groups(List<Bucket> buckets) {
        if (!redis.cluster()) {
            return List.of(buckets);
        }
        Map<Integer, List<Bucket>> bySlot = new LinkedHashMap<>();
        for (Bucket bucket : buckets) {
            bySlot.computeIfAbsent(SlotHash.getSlot(key(bucket)), s -> new ArrayList<>()).add(bucket);
        }
        return new ArrayList<>(bySlot.values());
    }

    private String key(Bucket bucket) {
        boolean ip = switch (bucket.subject()) {
            case Bucket.USER -> false;
            case Bucket.IP -> true;
            default -> throw new IllegalArgumentException("bucket subject must be user or ip");
        };
        return keys.rateLimit(ip, bucket.id(), bucket.endpoint(), bucket.limit().window());
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return (long) Double.parseDouble(String.valueOf(value));
    }
}

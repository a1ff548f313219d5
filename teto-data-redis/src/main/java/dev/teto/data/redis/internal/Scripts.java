package dev.teto.data.redis.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One Lua script: sent by SHA ({@code EVALSHA}), and in full once per server that does not know it yet
 * ({@code NOSCRIPT}: a restarted server, or a cluster node seen for the first time). Every script touches only the
 * keys it is given, and one call's keys always share a hash slot.
 */
final class Scripts {
    final String source;
    final String sha;
    final ScriptOutputType output;

    private Scripts(String source, ScriptOutputType output) {
        this.source = source;
        this.output = output;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Scripts of(ScriptOutputType output, String... lines) {
        return new Scripts(String.join("\n", lines), output);
    }

    /** Runs the script; every failure comes out translated ({@link RedisErrors}). */
    <T> T run(RedisClusterCommands<String, String> redis, String[] keys, String... args) {
        try {
            try {
                return redis.evalsha(sha, output, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(source, output, keys, args);
            }
        } catch (RuntimeException e) {
            throw RedisErrors.translate(e);
        }
    }

    /**
     * Runs the script without waiting: the stage completes with its reply (Lettuce's command timeout bounds it), or
     * fails with the translated error ({@link RedisErrors}).
     */
    <T> CompletableFuture<T> runAsync(RedisClusterAsyncCommands<String, String> redis, String[] keys, String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            redis.<T>evalsha(sha, output, keys, args).whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else if (cause(failure) instanceof RedisNoScriptException) {
                    redis.<T>eval(source, output, keys, args).whenComplete((again, failed) -> settle(result, again, failed));
                } else {
                    settle(result, null, failure);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(RedisErrors.translate(e));
        }
        return result;
    }

    private static <T> void settle(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(RedisErrors.translate(cause(failure)));
        }
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Server time in epoch milliseconds, as every script that needs a clock reads it. */
    static final String NOW_MS = "local __t = redis.call('TIME') local now = tonumber(__t[1]) * 1000 + "
            + "math.floor(tonumber(__t[2]) / 1000)";
}

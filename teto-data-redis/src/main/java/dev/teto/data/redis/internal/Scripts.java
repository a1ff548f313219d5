package dev.teto.data.redis.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    /** Server time in epoch milliseconds, as every script that needs a clock reads it. */
    static final String NOW_MS = "local __t = redis.call('TIME') local now = tonumber(__t[1]) * 1000 + "
            + "math.floor(tonumber(__t[2]) / 1000)";
}

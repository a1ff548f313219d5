package dev.teto.data.redis.internal.privacy;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SCAN over the whole key space in pages of {@value #COUNT}. On a cluster connection Lettuce's SCAN walks every
 * master in turn (its cursor object carries the node), so the same loop covers one server and a cluster. Each page
 * is one command, bounded by the command timeout; nothing is ever read with {@code KEYS}.
 */
final class KeyScan {
    static final int COUNT = 500;

    private KeyScan() {
    }

    /** Every key matching the glob, page by page. */
    static void each(RedisClusterCommands<String, String> redis, String glob, Consumer<List<String>> page) {
        ScanArgs args = ScanArgs.Builder.matches(glob).limit(COUNT);
        KeyScanCursor<String> cursor = redis.scan(args);
        page.accept(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis.scan(cursor, args);   // a cluster scan needs its own cursor object back
            page.accept(cursor.getKeys());
        }
    }

    static List<String> all(RedisClusterCommands<String, String> redis, String glob) {
        List<String> keys = new ArrayList<>();
        each(redis, glob, keys::addAll);
        return keys;
    }

    /** {@code literal} as a glob matching only itself: a prefix or an IPv6 address may hold glob characters. */
    static String literal(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

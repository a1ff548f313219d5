package dev.teto.data.postgres.internal.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short, stable name for a SQL template, safe to log: its verb, the first table it reads or writes, and the first
 * 8 hex digits of the SHA-256 of the template, e.g. {@code INSERT user_activities #1f2e3d4c}. The same template
 * always gets the same name, so an operator can count and compare occurrences across instances and releases
 * without the log ever holding SQL text. Literals and comments are removed before looking for the verb and table,
 * so neither can come from a quoted value.
 */
final class StatementNames {
    private static final Pattern LITERALS = Pattern.compile("'(?:[^']|'')*'|--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern VERB = Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE|WITH|LOCK|CREATE|ALTER|DROP"
            + "|TRUNCATE|ANALYZE|SET|CALL|DO)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|INTO|UPDATE|TABLE|JOIN)\\s+([A-Za-z_][A-Za-z0-9_]*"
            + "(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)", Pattern.CASE_INSENSITIVE);

    private StatementNames() {
    }

    static String of(String sql) {
        if (sql == null || sql.isBlank()) {
            return "(unknown)";
        }
        String code = LITERALS.matcher(sql).replaceAll(" ");
        Matcher verb = VERB.matcher(code);
        StringBuilder name = new StringBuilder(verb.find() ? verb.group(1).toUpperCase(Locale.ROOT) : "SQL");
        Matcher table = TABLE.matcher(code);
        // Skip function-like words after FROM (unnest(...), a CTE named "input" is still a fine hint).
        while (table.find()) {
            String candidate = table.group(1);
            if (!candidate.equalsIgnoreCase("SELECT")) {
                name.append(' ').append(candidate.toLowerCase(Locale.ROOT));
                break;
            }
        }
        return name.append(" #").append(hash(sql)).toString();
    }

    private static String hash(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

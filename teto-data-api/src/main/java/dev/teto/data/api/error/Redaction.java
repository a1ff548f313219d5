package dev.teto.data.api.error;

import java.util.Locale;

/**
 * How a rejected value appears in an exception message. Services log exceptions, so a message must be safe to
 * log. Text is masked unless its field is known to hold no personal data (a status, a role, a version...): free
 * text can hold anything, so masking is the default. Numbers, ids and times are shown; secrets are hidden.
 */
public final class Redaction {
    static final int MAX_VALUE_CHARS = 64;
    private static final String HIDDEN = "<redacted>";
    /** What a shown code or id may look like. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_.:/@+\\-]*");
    private static final String[] SECRET_SUFFIXES = {"hash", "token", "password", "secret", "key"};
    /** Fields whose text is a code from a closed or technical vocabulary, never personal data. */
    private static final java.util.Set<String> SHOWN = java.util.Set.of("status", "role", "questiontype", "plantype",
            "version", "personalitytype", "activitytype", "feedbacktype", "category", "subcategory", "metricname",
            "metrictype", "unit", "type", "aggregatetype", "cursor", "limit", "sizerange", "industry", "domain",
            "transaction", "input", "scorer", "scorerresult", "id");

    private Redaction() {
    }

    /** The value as it may appear in a message about {@code field}. */
    public static String render(String field, Object value) {
        if (value == null) {
            return "null";
        }
        String key = leaf(field);
        if (endsWithAny(key, SECRET_SUFFIXES)) {
            return HIDDEN;
        }
        String text = String.valueOf(value);
        if (key.endsWith("email")) {
            return "'" + maskEmail(text) + "'";
        }
        boolean plainValue = value instanceof Number || value instanceof Boolean || value instanceof java.util.UUID
                || value instanceof java.time.temporal.Temporal || value instanceof Enum<?>;
        if (!plainValue && !SHOWN.contains(key) && !key.endsWith("id")) {
            return "'" + maskText(text) + "'";
        }
        if (!plainValue && !TOKEN.matcher(text).matches()) {
            // A code or id field holding something that is no code (spaces, quotes, line breaks) is masked like
            // free text: it may be an injection attempt, and a line break would forge a log line.
            return "'" + maskText(text) + "'";
        }
        return text.length() <= MAX_VALUE_CHARS ? "'" + text + "'" : "'" + text.substring(0, MAX_VALUE_CHARS) + "…'";
    }

    /** {@code mina@example.com} → {@code m***@example.com}: enough to tell two addresses apart in a log. */
    public static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        String domain = email.substring(at + 1);
        return email.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append) + "***@" + (domain.length() > 40 ? domain.substring(0, 40) + "…" : domain);
    }

    /** First character and the length: {@code Mina Park} → {@code M***(9)}. */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String first = new String(Character.toChars(text.codePointAt(0)));
        return (first.equals("\u0000") ? "?" : first) + "***(" + text.codePointCount(0, text.length()) + ")";
    }

    private static String leaf(String field) {
        if (field == null) {
            return "";
        }
        String f = field.replaceAll("\\[\\d+]", "");
        int dot = f.lastIndexOf('.');
        return (dot >= 0 ? f.substring(dot + 1) : f).replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static boolean endsWithAny(String key, String[] suffixes) {
        for (String suffix : suffixes) {
            if (key.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}

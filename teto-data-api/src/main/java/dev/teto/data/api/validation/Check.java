package dev.teto.data.api.validation;

import dev.teto.data.api.error.ValidationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The validation rules every adapter applies before touching a store. Each rule throws a
 * {@link ValidationException} naming the field, so a bad call fails before any write.
 *
 * <p>Every rule that takes text also refuses U+0000: PostgreSQL cannot store it in TEXT, VARCHAR or JSONB and
 * would fail with SQLSTATE 22021 or 22P05, naming no field. Lengths are counted in code points, as PostgreSQL
 * counts a VARCHAR(n)'s characters, not in UTF-16 units.
 */
public final class Check {
    /** The seed's {@code chk_email_format}, which PostgreSQL applies case-insensitively ({@code ~*}). */
    public static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", Pattern.CASE_INSENSITIVE);

    /**
     * The earliest instant {@link #instant} accepts. PostgreSQL's timestamptz starts at 4714-11-24 BC, but
     * outside its range it stores -infinity instead of failing, and a time zone offset applied on output can
     * push a value over the edge; starting on 1 January 4713 BC (ISO year -4712) keeps clear of both.
     */
    public static final Instant MIN_INSTANT = Instant.parse("-4712-01-01T00:00:00Z");

    /**
     * The latest instant {@link #instant} accepts. PostgreSQL's timestamptz ends before 294277-01-01 UTC; stopping
     * at a whole second means the driver's rounding of nanoseconds to microseconds cannot cross that end.
     */
    public static final Instant MAX_INSTANT = Instant.parse("+294276-12-31T23:59:59Z");

    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final String REDACTED = "<redacted>";
    private static final int CODE_MAX = 50;
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]*$");

    private Check() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        return value;
    }

    /** Required, not {@linkplain #isBlank blank}, at most {@code maxLength} code points. */
    public static String requiredText(String field, String value, int maxLength) {
        required(field, value);
        TextRules.noNul(field, value);
        if (isBlank(value)) {
            throw new ValidationException(field, value, "must not be blank");
        }
        return maxLength(field, value, maxLength);
    }

    /** Null passes; the database column's length (VARCHAR(n), in characters) is the limit. */
    public static String maxLength(String field, String value, int maxLength) {
        if (value != null) {
            TextRules.noNul(field, value);
            if (TextRules.longerThan(value, maxLength)) {
                throw new ValidationException(field, value, "must be at most " + maxLength + " characters");
            }
        }
        return value;
    }

    /** Null passes; for TEXT columns, which have no length limit but still cannot hold U+0000. */
    /** For a look-up by a text key: required, no NUL, and no longer than the column it is compared with. */
    public static String lookupKey(String field, String value, int maxLength) {
        required(field, value);
        text(field, value);
        if (TextRules.longerThan(value, maxLength)) {
            throw new ValidationException(field, null, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static String text(String field, String value) {
        if (value != null) {
            TextRules.noNul(field, value);
        }
        return value;
    }

    /** Like {@link #maxLength} for hashes and tokens: the value never appears in the message. */
    public static String secretMaxLength(String field, String value, int maxLength) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new ValidationException(field, REDACTED, TextRules.NUL_REASON);
        }
        if (value != null && TextRules.longerThan(value, maxLength)) {
            throw new ValidationException(field, REDACTED, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** Required. A bad address goes to the exception unchanged: the exception masks it by the field's name. */
    public static String email(String field, String value) {
        requiredText(field, value, 255);
        // The seed's CHECK lets "a@example..com" through; no mail system delivers to it.
        if (!EMAIL.matcher(value).matches() || value.contains("..") || value.contains("@.") || value.contains(".@")) {
            throw new ValidationException(field, value, "is not a valid email address");
        }
        return value;
    }

    /** Null passes (the column default applies); anything else must be one of {@code allowed}. */
    public static String oneOf(String field, String value, Set<String> allowed) {
        if (value != null) {
            TextRules.noNul(field, value);
            if (!allowed.contains(value)) {
                throw new ValidationException(field, value, "must be one of " + Vocabulary.sorted(allowed));
            }
        }
        return value;
    }

    /**
     * True if every code point is whitespace, a space character or an invisible format character (so
     * {@code "\u00A0\u200B"} is blank): such a name would look empty wherever it is shown.
     */
    public static boolean isBlank(String value) {
        return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /** Null passes; otherwise between {@link #MIN_INSTANT} and {@link #MAX_INSTANT}, both included. */
    public static Instant instant(String field, Instant value) {
        if (value != null && (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT))) {
            throw new ValidationException(field, value,
                    "must be between " + MIN_INSTANT + " and " + MAX_INSTANT + " (PostgreSQL timestamptz range)");
        }
        return value;
    }

    public static Integer range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new ValidationException(field, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    public static Integer nonNegative(String field, Integer value) {
        return range(field, value, 0, Integer.MAX_VALUE);
    }

    /** Fits a {@code DECIMAL(precision, scale)} column without rounding. */
    public static BigDecimal decimal(String field, BigDecimal value, int precision, int scale) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int fractionDigits = Math.max(stripped.scale(), 0);
        int integerDigits = stripped.precision() - stripped.scale();
        if (fractionDigits > scale || integerDigits > precision - scale) {
            throw new ValidationException(field, value,
                    "must fit DECIMAL(" + precision + "," + scale + ")");
        }
        return value;
    }

    public static BigDecimal between(String field, BigDecimal value, BigDecimal min, BigDecimal max) {
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            throw new ValidationException(field, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** An IPv4 or IPv6 literal (no host names: resolving one would be a network call). */
    public static String ipAddress(String field, String value) {
        if (value == null) {
            return null;
        }
        TextRules.noNul(field, value);
        if (!(IPV4.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches()))) {
            throw new ValidationException(field, value, "is not an IPv4 or IPv6 address");
        }
        return value;
    }

    public static UUID id(String field, UUID value) {
        return required(field, value);
    }

    /**
     * JSON object columns. Null passes. The whole structure is walked (nested maps, lists and arrays, keys and
     * values): a null key cannot be written as JSON and U+0000 cannot be stored in JSONB. The exception names the
     * path of the offending entry, e.g. {@code metadata.tags[2]}.
     */
    public static Map<String, Object> jsonObject(String field, Map<String, Object> value) {
        TextRules.json(field, value);
        return value;
    }

    /** TEXT[] columns: null passes; no element may be null or contain U+0000. Names the element ({@code tags[1]}). */
    public static List<String> textList(String field, List<String> values) {
        TextRules.textList(field, values);
        return values;
    }

    /** A code (see {@link Code}); null passes, for optional ones. */
    public static String code(String field, String value) {
        if (value == null) {
            return null;
        }
        requiredText(field, value, CODE_MAX);
        if (!CODE.matcher(value).matches()) {
            throw new ValidationException(field, null, "must be a code: 1 to 50 of letters, digits and _ . : -");
        }
        return value;
    }

    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new ValidationException(field, value, "must be positive");
        }
        return value;
    }
}

package dev.teto.data.api.validation;

import dev.teto.data.api.error.ValidationException;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The validation rules every adapter applies before touching a store. Each rule throws a
 * {@link ValidationException} naming the field and the value, so a bad call fails before any write.
 */
public final class Check {
    /** The seed's {@code chk_email_format}, which PostgreSQL applies case-insensitively ({@code ~*}). */
    public static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", Pattern.CASE_INSENSITIVE);

    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final String REDACTED = "<redacted>";

    private Check() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        return value;
    }

    public static String requiredText(String field, String value, int maxLength) {
        required(field, value);
        if (value.isBlank()) {
            throw new ValidationException(field, value, "must not be blank");
        }
        return maxLength(field, value, maxLength);
    }

    /** Null passes; the database column's length (VARCHAR(n)) is the limit. */
    public static String maxLength(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new ValidationException(field, value, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** Like {@link #maxLength} for hashes and tokens: the value never appears in the message. */
    public static String secretMaxLength(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new ValidationException(field, REDACTED, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static String email(String field, String value) {
        requiredText(field, value, 255);
        if (!EMAIL.matcher(value).matches()) {
            throw new ValidationException(field, value, "is not a valid email address");
        }
        return value;
    }

    /** Null passes (the column default applies); anything else must be one of {@code allowed}. */
    public static String oneOf(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new ValidationException(field, value, "must be one of " + Vocabulary.sorted(allowed));
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
        if (value != null && !(IPV4.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches()))) {
            throw new ValidationException(field, value, "is not an IPv4 or IPv6 address");
        }
        return value;
    }

    public static UUID id(String field, UUID value) {
        return required(field, value);
    }

    /** JSON object columns: keys must be non-null strings so the value round-trips through JSONB. */
    public static Map<String, Object> jsonObject(String field, Map<String, Object> value) {
        // Iterate rather than containsKey(null): immutable maps (Map.of) throw on a null probe.
        if (value != null && value.keySet().stream().anyMatch(Objects::isNull)) {
            throw new ValidationException(field, value, "must not contain a null key");
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

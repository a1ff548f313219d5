package dev.teto.data.api.spi;

import java.time.Duration;

/**
 * The range checks every adapter's options builder makes in {@code build()}, worded once. Each failure is an
 * {@link IllegalArgumentException} whose message starts with the builder setting's name (so {@link FlatSettings#build}
 * can re-label it with the setting key) and never holds the value, which may be a secret.
 *
 * <p>Not {@link dev.teto.data.api.validation.Check}: that one refuses a caller's data with a
 * {@code ValidationException}; these refuse a host's configuration at start-up.
 */
public final class OptionChecks {
    /** The longest wait drivers that count in {@code int} milliseconds (JDBC, MongoDB) can take. */
    public static final long MAX_INT_MILLIS = Integer.MAX_VALUE;

    private OptionChecks() {
    }

    /** @throws IllegalArgumentException {@code <name> must be a positive duration} for null, zero or negative */
    public static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
        return value;
    }

    /** Positive, and short enough for a driver that takes the wait as {@code int} milliseconds. */
    public static Duration positiveIntMillis(String name, Duration value) {
        positive(name, value);
        if (value.toMillis() > MAX_INT_MILLIS) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_INT_MILLIS + " ms (about 24 days)");
        }
        return value;
    }

    /** @throws IllegalArgumentException {@code <name> must be between <min> and <max>} (both inclusive) */
    public static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * For names a server shows to operators (application names): 1 to {@code maxLength} printable ASCII characters,
     * so nothing unprintable reaches a log line or a server's client list.
     */
    public static String printableAscii(String name, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength
                || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " printable ASCII characters");
        }
        return value;
    }
}

package dev.teto.data.api.content;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;

import java.util.List;
import java.util.regex.Pattern;

/** Checks the content records share beyond {@link Check}. */
final class ContentChecks {
    /** A code such as {@code results_accuracy} or {@code teto}: what the seed's vocabulary-like fields hold. */

    private ContentChecks() {
    }

    static String code(String field, String value) {
        Check.required(field, value);
        return Check.code(field, value);
    }

    static String optionalCode(String field, String value) {
        return value == null ? null : code(field, value);
    }

    static List<String> codes(String field, List<String> values, int maxCount) {
        if (values == null) {
            return null;
        }
        if (values.size() > maxCount) {
            throw new ValidationException(field, values.size(), "must have at most " + maxCount + " entries");
        }
        Check.textList(field, values);
        for (int i = 0; i < values.size(); i++) {
            Check.requiredText(field + "[" + i + "]", values.get(i), ContentLimits.TAG_MAX);
        }
        return values;
    }

    static <T> List<T> size(String field, List<T> values, int maxCount) {
        if (values != null) {
            if (values.size() > maxCount) {
                throw new ValidationException(field, values.size(), "must have at most " + maxCount + " entries");
            }
            for (int i = 0; i < values.size(); i++) {
                Check.required(field + "[" + i + "]", values.get(i));
            }
        }
        return values;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new ValidationException(field, null, "must be a finite number");
        }
        return value;
    }

    static double between(String field, double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw new ValidationException(field, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    static int limit(String field, int value) {
        if (value < 1 || value > ContentLimits.RESULTS_MAX) {
            throw new ValidationException(field, value, "must be between 1 and " + ContentLimits.RESULTS_MAX);
        }
        return value;
    }
}

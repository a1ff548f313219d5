package dev.teto.data.api.error;

import java.util.Optional;

/**
 * Root of every exception teto-data throws. It has two branches, so a caller can decide whether to retry without
 * knowing any store: {@link TransientDataException} (the same call may succeed later) and
 * {@link NonTransientDataException} (it will not, until the input or the state changes).
 *
 * <p>Messages never carry a PII value, a secret or a bound SQL argument: values are masked by field name
 * ({@link Redaction}), and a driver exception is never kept as a cause as-is (adapters keep a scrubbed copy).
 */
public abstract class TetoDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String store;

    protected TetoDataException(String store, String message) {
        super(message);
        this.store = store;
    }

    protected TetoDataException(String store, String message, Throwable cause) {
        super(message, cause);
        this.store = store;
    }

    /**
     * The store that failed ({@code "postgres"}, {@code "redis"}, ...), or empty when no store was reached: input
     * rejected before any call, or a rule of the library itself.
     */
    public Optional<String> store() {
        return Optional.ofNullable(store);
    }

    /** True when retrying the same call later may succeed. */
    public abstract boolean isTransient();
}

package dev.teto.data.api.error;

/** A capability was used whose store was not configured on the builder, or whose adapter is not on the classpath. */
public class StoreNotConfiguredException extends TetoDataException {
    private static final long serialVersionUID = 1L;

    public StoreNotConfiguredException(String message) {
        super(message);
    }
}

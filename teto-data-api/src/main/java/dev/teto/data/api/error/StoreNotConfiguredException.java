package dev.teto.data.api.error;

/**
 * A capability was asked for whose store was not configured on the builder, or whose adapter module is not on
 * the classpath. The message names the module to add and the builder call to make.
 */
public class StoreNotConfiguredException extends NonTransientDataException {
    private static final long serialVersionUID = 1L;

    public StoreNotConfiguredException(String message) {
        super(null, message);
    }
}

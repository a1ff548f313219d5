package dev.teto.data.kafka.internal;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Kafka failures as the api's exceptions: a timeout or a retriable broker error is
 * {@link TransientDataException} (the call may work later); authentication, authorization and the rest are
 * {@link DataAccessException}. Only the exception class names the cause: broker messages can name hosts.
 */
public final class KafkaErrors {
    public static final String STORE = "kafka";

    private KafkaErrors() {
    }

    public static TetoDataException translate(String doing, Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TetoDataException t) {
            return t;
        }
        String what = doing + " failed (" + cause.getClass().getSimpleName() + ")";
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new TransientDataException(STORE, TransientDataException.Reason.UNAVAILABLE, doing + " timed out", null);
        }
        if (cause instanceof InterruptedException) {
            return new TransientDataException(STORE, TransientDataException.Reason.UNAVAILABLE, doing + " was interrupted", null);
        }
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            return new DataAccessException(STORE, what, null);
        }
        if (cause instanceof RetriableException) {
            return new TransientDataException(STORE, TransientDataException.Reason.UNAVAILABLE, what, null);
        }
        return new DataAccessException(STORE, what, null);
    }
}

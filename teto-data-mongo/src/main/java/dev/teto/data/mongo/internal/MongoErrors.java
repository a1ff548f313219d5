package dev.teto.data.mongo.internal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.TransientDataException.Reason;

import java.util.function.Supplier;

/**
 * Turns the driver's exceptions into the library's: a server that cannot be reached, a lost connection or a
 * timeout is a {@link TransientDataException}; anything else a {@link DataAccessException}. Driver messages can
 * quote the command and its values, so none is kept: the cause is a {@link ScrubbedCause}.
 */
public final class MongoErrors {
    public static final String STORE = "mongo";
    /** Server error codes that mean "try again": interrupted, not primary, shutting down, ... */
    private static final java.util.Set<Integer> RETRYABLE_CODES =
            java.util.Set.of(6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436);

    private MongoErrors() {
    }

    /** Runs one store call, translating what it throws. */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (TetoDataException e) {
            throw e;
        } catch (MongoException e) {
            throw translate(operation, e);
        }
    }

    public static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    public static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoBulkWriteException b) {
            return b.getWriteErrors().stream().anyMatch(err -> err.getCategory() == ErrorCategory.DUPLICATE_KEY);
        }
        return e.getCode() == 11000 || e.getCode() == 11001;
    }

    public static TetoDataException translate(String operation, MongoException e) {
        ScrubbedCause cause = ScrubbedCause.of(e);
        Reason reason = transientReason(e);
        if (reason != null) {
            return new TransientDataException(STORE, reason, operation + " failed", cause);
        }
        return new DataAccessException(STORE, operation + " failed (" + e.getClass().getSimpleName() + ", code "
                + e.getCode() + ")", cause);
    }

    private static Reason transientReason(MongoException e) {
        if (e instanceof MongoSocketReadTimeoutException || e instanceof MongoExecutionTimeoutException) {
            return Reason.STATEMENT_TIMEOUT;
        }
        if (e instanceof MongoTimeoutException && e.getMessage() != null
                && e.getMessage().contains("waiting for a connection to server")) {   // the pool's wait, not selection
            return Reason.POOL_EXHAUSTED;
        }
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketOpenException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException) {
            return Reason.UNAVAILABLE;
        }
        if (e instanceof MongoSocketException || e instanceof MongoConnectionPoolClearedException
                || e instanceof MongoInterruptedException) {
            return Reason.CONNECTION_LOST;
        }
        if (e instanceof MongoWriteConcernException || (e instanceof MongoServerException
                && (RETRYABLE_CODES.contains(e.getCode()) || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)))) {
            return Reason.UNAVAILABLE;
        }
        if (e instanceof MongoClientException && e.getMessage() != null && e.getMessage().contains("timed out")) {
            return Reason.STATEMENT_TIMEOUT;
        }
        return null;
    }
}

package dev.teto.data.redis.internal;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.TransientDataException.Reason;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Lettuce's exceptions as the api's: what may pass is transient, with the reason a caller can act on. */
public final class RedisErrors {
    public static final String STORE = "redis";

    /** Server answers that mean "not now" rather than "never": a cluster re-forming, a busy or loading server. */
    private static final String[] TRANSIENT_REPLIES = {"CLUSTERDOWN", "LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN",
        "READONLY", "MOVED", "ASK"};

    private RedisErrors() {
    }

    public static TetoDataException translate(Throwable failure) {
        Throwable e = failure;
        if (e instanceof ExecutionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof TetoDataException known) {
            return known;
        }
        if (e instanceof RedisCommandTimeoutException || e instanceof TimeoutException) {
            return new TransientDataException(STORE, Reason.STATEMENT_TIMEOUT, "the command did not answer in time", e);
        }
        if (e instanceof RedisConnectionException) {
            return new TransientDataException(STORE, Reason.UNAVAILABLE, "cannot connect", e);
        }
        if (e instanceof RedisCommandInterruptedException || e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new TransientDataException(STORE, Reason.CONNECTION_LOST, "interrupted while waiting", e);
        }
        if (e instanceof CancellationException) {
            return new TransientDataException(STORE, Reason.CONNECTION_LOST, "the command was cancelled", e);
        }
        if (e instanceof RedisCommandExecutionException) {
            String message = String.valueOf(e.getMessage());
            for (String reply : TRANSIENT_REPLIES) {
                if (message.startsWith(reply)) {
                    return new TransientDataException(STORE, Reason.UNAVAILABLE, "the server answered " + reply, e);
                }
            }
            // Not kept as the cause: a script error quotes the script's arguments, which hold cached values.
            return new DataAccessException(STORE, "the server refused a command (" + firstWord(message) + ")", null);
        }
        if (e instanceof RedisException || e instanceof IOException || e.getCause() instanceof IOException) {
            // "Connection closed", "Currently not connected. Commands are rejected." and the like
            return new TransientDataException(STORE, Reason.CONNECTION_LOST, "the connection is down", e);
        }
        return new DataAccessException(STORE, "unexpected failure (" + e.getClass().getSimpleName() + ")", e);
    }

    private static String firstWord(String message) {
        int space = message.indexOf(' ');
        String word = space < 0 ? message : message.substring(0, space);
        return word.length() > 24 ? word.substring(0, 24) : word;
    }
}

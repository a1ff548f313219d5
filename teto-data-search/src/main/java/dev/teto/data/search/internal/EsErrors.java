package dev.teto.data.search.internal;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import org.apache.http.ConnectionClosedException;
import org.apache.http.conn.ConnectTimeoutException;
import org.elasticsearch.client.ResponseException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Elasticsearch and transport failures as the library's exceptions. Messages name the operation and the error type
 * Elasticsearch gave, never its reason text (which can quote a document's value) nor a host name.
 */
public final class EsErrors {
    static final String STORE = "search";

    private EsErrors() {
    }

    public static TetoDataException translate(String operation, Throwable e) {
        if (e instanceof TetoDataException t) {
            return t;
        }
        Throwable cause = rootTransportCause(e);
        if (cause instanceof SocketTimeoutException) {
            return transient_(operation, TransientDataException.Reason.STATEMENT_TIMEOUT, "timed out waiting for Elasticsearch");
        }
        if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
            return transient_(operation, TransientDataException.Reason.UNAVAILABLE, "Elasticsearch is unreachable");
        }
        if (cause instanceof ConnectionClosedException || cause instanceof SocketException
                || cause instanceof InterruptedIOException) {
            return transient_(operation, TransientDataException.Reason.CONNECTION_LOST, "connection to Elasticsearch lost");
        }
        if (e instanceof ElasticsearchException es) {
            return byStatus(operation, es.status(), es.error() == null ? "unknown" : es.error().type());
        }
        if (e instanceof EsConnection.StatusException se) {
            return byStatus(operation, se.status, se.type);
        }
        if (e instanceof ResponseException re) {
            return byStatus(operation, re.getResponse().getStatusLine().getStatusCode(), "http_error");
        }
        if (cause instanceof IOException || e instanceof TransportException) {
            return transient_(operation, TransientDataException.Reason.CONNECTION_LOST,
                    "Elasticsearch request failed (" + cause.getClass().getSimpleName() + ")");
        }
        return new DataAccessException(STORE, operation + " failed (" + e.getClass().getSimpleName() + ")", null);
    }

    static TetoDataException byStatus(String operation, int status, String type) {
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            return transient_(operation, TransientDataException.Reason.UNAVAILABLE,
                    "Elasticsearch is overloaded or unavailable (" + status + " " + type + ")");
        }
        if (status == 408) {
            return transient_(operation, TransientDataException.Reason.STATEMENT_TIMEOUT, "Elasticsearch timed out (" + type + ")");
        }
        return new DataAccessException(STORE, operation + " failed: Elasticsearch answered " + status + " " + type, null);
    }

    private static TransientDataException transient_(String operation, TransientDataException.Reason reason, String message) {
        return new TransientDataException(STORE, reason, operation + ": " + message, null);
    }

    private static Throwable rootTransportCause(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 10 && t != null; i++) {
            if (t instanceof SocketTimeoutException || t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof ConnectionClosedException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketException) {
                return t;
            }
            t = t.getCause();
        }
        return e;
    }
}

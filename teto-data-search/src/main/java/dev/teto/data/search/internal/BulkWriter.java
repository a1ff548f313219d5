package dev.teto.data.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.search.ItemFailure;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.search.SearchOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes operations with the {@code _bulk} API as NDJSON we build ourselves, so each request is cut exactly by
 * document count and by bytes ({@link SearchOptions#bulkMaxDocuments()}, {@link SearchOptions#bulkMaxBytes()}).
 * Every item's outcome is returned in order; nothing is swallowed.
 */
final class BulkWriter {
    private final EsConnection es;
    private final int maxDocuments;
    private final long maxBytes;
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    BulkWriter(EsConnection es, SearchOptions options) {
        this.es = es;
        this.maxDocuments = options.bulkMaxDocuments();
        this.maxBytes = options.bulkMaxBytes();
    }

    enum Action { INDEX, CREATE, DELETE }

    /**
     * @param version null for none; with one, {@code version_type=external_gte} (an equal version rewrites the same
     *                state, so a replay is harmless; a lower one is refused with 409)
     */
    record Op(Action action, String index, String id, Long version, byte[] source) {
    }

    enum Outcome { WRITTEN, SKIPPED, FAILED }

    record Result(Op op, Outcome outcome, ItemFailure failure) {
    }

    /** Sends every op, in as many requests as the limits need, and reports each op's outcome in order. */
    List<Result> write(List<Op> ops, Refresh refresh) throws IOException {
        List<Result> results = new ArrayList<>(ops.size());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Op> batch = new ArrayList<>();
        for (Op op : ops) {
            byte[] lines = lines(op);
            if (!batch.isEmpty() && (batch.size() >= maxDocuments || body.size() + lines.length > maxBytes)) {
                results.addAll(send(batch, body.toByteArray(), refresh));
                batch.clear();
                body.reset();
            }
            batch.add(op);
            body.write(lines);
        }
        if (!batch.isEmpty()) {
            results.addAll(send(batch, body.toByteArray(), refresh));
        }
        return results;
    }

    private byte[] lines(Op op) throws IOException {
        ObjectNode action = es.json().createObjectNode();
        ObjectNode meta = action.putObject(op.action().name().toLowerCase(java.util.Locale.ROOT));
        meta.put("_index", op.index());
        meta.put("_id", op.id());
        if (op.version() != null) {
            meta.put("version", op.version());
            meta.put("version_type", op.action() == Action.DELETE ? "external" : "external_gte");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(es.json().writeValueAsBytes(action));
        out.write('\n');
        if (op.action() != Action.DELETE) {
            out.write(op.source());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Bulk requests sent since start, for health metrics. */
    long requests() {
        return requests.get();
    }

    private List<Result> send(List<Op> batch, byte[] body, Refresh refresh) throws IOException {
        requests.incrementAndGet();
        String path = "/_bulk" + (refresh == Refresh.WAIT_FOR ? "?refresh=wait_for" : "");
        JsonNode response = es.raw("POST", path, body, EsConnection.NDJSON);
        if (response == null) {
            throw new EsConnection.StatusException(404, "not_found");
        }
        JsonNode items = response.path("items");
        if (items.size() != batch.size()) {
            throw new IOException("bulk answered " + items.size() + " items for " + batch.size());
        }
        List<Result> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Op op = batch.get(i);
            JsonNode item = items.get(i).elements().next();
            int status = item.path("status").asInt();
            String type = item.path("error").path("type").asText("");
            if (status >= 200 && status < 300 || op.action() == Action.DELETE && status == 404) {
                results.add(new Result(op, Outcome.WRITTEN, null));
            } else if (status == 409 && (op.version() != null || op.action() == Action.CREATE)) {
                // an older version than the indexed one, or an event recorded before: by design, not an error
                results.add(new Result(op, Outcome.SKIPPED, null));
            } else {
                results.add(new Result(op, Outcome.FAILED, new ItemFailure(op.id(), status, type.isEmpty() ? "unknown" : type)));
            }
        }
        return results;
    }
}

package dev.teto.data.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.IndexRebuild;
import dev.teto.data.api.search.ItemFailure;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * One alias and the writes to it. While a rebuild runs, every write goes to the alias and to the index being built
 * ("dual writes"), so the rebuild never pauses live updates and loses none of them.
 *
 * <p>Every process learns of a rebuild from Elasticsearch itself: the index being built carries the marker alias
 * {@code <alias>_rebuild}, which each process looks up at most every {@link #MARKER_TTL}. A rebuild waits
 * {@link #SETTLE} after setting the marker before it reads the source, so every write that starts after that goes
 * to both indexes in every process; and it waits again after removing the marker before dropping an abandoned index.
 *
 * @param <X> what a write carries: a versioned document (projections) or an event (analytics)
 */
final class AliasedIndex<X> {
    private static final Logger LOG = LoggerFactory.getLogger(AliasedIndex.class);
    private static final int COPY_PAGE = 1000;

    final SearchIndex index;
    final String idField;
    private final IndexLayout layout;
    private final BulkWriter bulk;
    private final EsConnection es;
    /** How to write one item into one concrete index or alias. */
    private final BiFunction<String, X, BulkWriter.Op> opFor;
    /** How to copy one indexed hit (with its version) into another index, for a rebuild without a source. */
    private final BiFunction<String, JsonNode, BulkWriter.Op> copyOp;
    static final Duration MARKER_TTL = Duration.ofSeconds(1);
    static final Duration SETTLE = MARKER_TTL.plusMillis(500);

    /** Rebuilds this process runs: known at once, without waiting for the marker look-up. */
    private final List<String> rebuilding = new CopyOnWriteArrayList<>();
    /** Rebuilds any process runs, from the marker alias, as of {@link #markerCheckedNanos}. */
    private volatile List<String> marked = List.of();
    private volatile long markerCheckedNanos = System.nanoTime() - 2 * MARKER_TTL.toNanos();
    private final AtomicLong failedWrites;

    AliasedIndex(SearchIndex index, String idField, IndexLayout layout, BulkWriter bulk, EsConnection es,
            BiFunction<String, X, BulkWriter.Op> opFor, BiFunction<String, JsonNode, BulkWriter.Op> copyOp,
            AtomicLong failedWrites) {
        this.index = index;
        this.idField = idField;
        this.layout = layout;
        this.bulk = bulk;
        this.es = es;
        this.opFor = opFor;
        this.copyOp = copyOp;
        this.failedWrites = failedWrites;
    }

    String alias() {
        return layout.alias(index);
    }

    String marker() {
        return alias() + "_rebuild";
    }

    /** The indexes being rebuilt by any process, besides the alias: written to as well. */
    List<String> rebuildTargets() {
        long now = System.nanoTime();
        if (now - markerCheckedNanos > MARKER_TTL.toNanos()) {
            try {
                JsonNode found = es.raw("GET", "/_alias/" + marker(), null, null);
                List<String> names = new ArrayList<>();
                if (found != null) {
                    found.fieldNames().forEachRemaining(names::add);
                }
                marked = List.copyOf(names);
                markerCheckedNanos = now;
            } catch (IOException | RuntimeException e) {
                // keep the last answer: the write that follows reports the outage itself
                LOG.debug("rebuild marker look-up of {} failed: {}", alias(), e.toString());
            }
        }
        if (rebuilding.isEmpty() && marked.isEmpty()) {
            return List.of();
        }
        Set<String> all = new LinkedHashSet<>(rebuilding);
        all.addAll(marked);
        return List.copyOf(all);
    }

    /** Writes each item to the alias and to every index being rebuilt; one outcome per item. */
    BulkResult write(List<X> items, Refresh refresh, String operation) {
        return write(items, refresh, operation, opFor);
    }

    /** As {@link #write(List, Refresh, String)}, with another way to make each item's operation. */
    BulkResult write(List<X> items, Refresh refresh, String operation, BiFunction<String, X, BulkWriter.Op> opFor) {
        List<String> targets = new ArrayList<>();
        targets.add(alias());
        targets.addAll(rebuildTargets());
        List<BulkWriter.Op> ops = new ArrayList<>(items.size() * targets.size());
        for (X item : items) {
            for (String target : targets) {
                ops.add(opFor.apply(target, item));
            }
        }
        return summarize(send(ops, refresh, operation), targets.size());
    }

    List<BulkWriter.Result> send(List<BulkWriter.Op> ops, Refresh refresh, String operation) {
        try {
            return bulk.write(ops, refresh);
        } catch (IOException | RuntimeException e) {
            failedWrites.incrementAndGet();
            throw EsErrors.translate(operation, e);
        }
    }

    /** Items were sent to {@code fanOut} targets each, consecutively; the alias's outcome counts, a failure anywhere fails it. */
    BulkResult summarize(List<BulkWriter.Result> results, int fanOut) {
        int written = 0;
        int skipped = 0;
        List<ItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < results.size(); i += fanOut) {
            ItemFailure failure = null;
            for (int t = 0; t < fanOut && failure == null; t++) {
                failure = results.get(i + t).failure();
            }
            if (failure != null) {
                failures.add(failure);
            } else if (results.get(i).outcome() == BulkWriter.Outcome.SKIPPED) {
                skipped++;
            } else {
                written++;
            }
        }
        if (!failures.isEmpty()) {
            failedWrites.incrementAndGet();
        }
        return new BulkResult(results.size() / fanOut, written, skipped, failures);
    }

    /** Deletes from the alias and every index being rebuilt, leaving versioned tombstones. */
    void delete(String id, long version, Refresh refresh) {
        List<BulkWriter.Op> ops = new ArrayList<>();
        ops.add(new BulkWriter.Op(BulkWriter.Action.DELETE, alias(), id, version, null));
        for (String target : rebuildTargets()) {
            ops.add(new BulkWriter.Op(BulkWriter.Action.DELETE, target, id, version, null));
        }
        BulkResult result = summarize(send(ops, refresh, "delete from " + index.alias()), ops.size());
        if (result.hasFailures()) {
            ItemFailure f = result.failures().get(0);
            throw EsErrors.byStatus("delete from " + index.alias(), f.status(), f.type());
        }
    }

    long count() {
        try {
            layout.refresh(alias());
            JsonNode r = es.raw("GET", "/" + alias() + "/_count", null, null);
            return r == null ? 0 : r.path("count").asLong();
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("count " + index.alias(), e);
        }
    }

    /** A page of raw hits of {@code indexName} after {@code afterId}, sorted by the id field, with versions. */
    JsonNode pageById(String indexName, String afterId, int limit, boolean source) throws IOException {
        ObjectNode body = es.json().createObjectNode();
        body.put("size", limit);
        body.put("version", true);
        body.put("_source", source);
        body.putArray("sort").addObject().put(idField, "asc");
        if (afterId != null) {
            body.putArray("search_after").add(afterId);
        }
        JsonNode r = es.rawJson("POST", "/" + indexName + "/_search", body);
        return r == null ? es.json().createArrayNode() : r.path("hits").path("hits");
    }

    /**
     * The documents with these ids, with versions, read in real time ({@code _mget}: no refresh needed); missing
     * ones are left out.
     */
    JsonNode byIds(List<String> ids) throws IOException {
        ObjectNode body = es.json().createObjectNode();
        ArrayNode values = body.putArray("ids");
        ids.forEach(values::add);
        JsonNode r = es.rawJson("POST", "/" + alias() + "/_mget", body);
        ArrayNode found = es.json().createArrayNode();
        if (r != null) {
            r.path("docs").forEach(d -> {
                if (d.path("found").asBoolean(false)) {
                    found.add(d);
                }
            });
        }
        return found;
    }

    <R> IndexRebuild<R> startRebuild(BiFunction<String, R, BulkWriter.Op> rebuildOp) {
        try {
            String current = layout.currentIndex(index);
            markerCheckedNanos = System.nanoTime() - 2 * MARKER_TTL.toNanos();
            if (!rebuildTargets().isEmpty()) {
                throw new IllegalStateException("a reindex of " + index.alias() + " is already running");
            }
            String target = layout.nextIndex(index);
            layout.createNew(index, target);
            layout.mark(target, marker());
            rebuilding.add(target);
            // every process's next marker look-up sees it: from now on all their writes reach the new index too
            Thread.sleep(SETTLE.toMillis());
            LOG.info("Rebuilding {}: {} -> {} with dual writes", alias(), current, target);
            return new Rebuild<>(current, target, rebuildOp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a reindex of " + index.alias());
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw EsErrors.translate("start rebuild of " + index.alias(), e);
        }
    }

    private final class Rebuild<R> implements IndexRebuild<R> {
        private final String current;
        private final String target;
        private final BiFunction<String, R, BulkWriter.Op> rebuildOp;
        private boolean done;

        Rebuild(String current, String target, BiFunction<String, R, BulkWriter.Op> rebuildOp) {
            this.current = current;
            this.target = target;
            this.rebuildOp = rebuildOp;
        }

        @Override
        public String currentIndex() {
            return current;
        }

        @Override
        public String targetIndex() {
            return target;
        }

        @Override
        public BulkResult write(List<R> documents) {
            List<BulkWriter.Op> ops = new ArrayList<>(documents.size());
            for (R document : documents) {
                ops.add(rebuildOp.apply(target, document));
            }
            return summarize(send(ops, Refresh.NONE, "rebuild " + index.alias()), 1);
        }

        @Override
        public long copyFromCurrent() {
            long copied = 0;
            String after = null;
            try {
                while (true) {
                    JsonNode hits = pageById(current, after, COPY_PAGE, true);
                    if (hits.isEmpty()) {
                        return copied;
                    }
                    List<BulkWriter.Op> ops = new ArrayList<>(hits.size());
                    for (JsonNode hit : hits) {
                        ops.add(copyOp.apply(target, hit));
                        after = hit.path("sort").get(0).asText();
                    }
                    BulkResult result = summarize(send(ops, Refresh.NONE, "copy " + index.alias()), 1);
                    if (result.hasFailures()) {
                        throw EsErrors.byStatus("copy " + index.alias(), result.failures().get(0).status(),
                                result.failures().get(0).type());
                    }
                    copied += result.written();
                }
            } catch (IOException e) {
                throw EsErrors.translate("copy " + index.alias(), e);
            }
        }

        @Override
        public void commit() {
            try {
                layout.refresh(target);
                // One atomic step: the alias moves to the new index and the marker goes. A process that has not
                // seen the marker go yet still writes to the new index by name, which is now the live one.
                layout.swap(index, current, target, marker());
                rebuilding.remove(target);
                done = true;
                layout.drop(current);
                LOG.info("Alias {} now points at {}; {} dropped", alias(), target, current);
            } catch (IOException | RuntimeException e) {
                throw EsErrors.translate("swap alias " + index.alias(), e);
            }
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                layout.unmark(target, marker());
                rebuilding.remove(target);
                // let every process notice before the index goes, so none writes to (and re-creates) it after
                Thread.sleep(SETTLE.toMillis());
                layout.drop(target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not drop abandoned index {}: {}", target, e.toString());
            } finally {
                rebuilding.remove(target);
            }
        }
    }

    static Map<String, JsonNode> byId(JsonNode hits) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        hits.forEach(h -> out.put(h.path("_id").asText(), h));
        return out;
    }
}

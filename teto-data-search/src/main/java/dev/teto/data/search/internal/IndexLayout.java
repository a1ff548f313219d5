package dev.teto.data.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.search.SearchOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and lifecycle of the versioned indexes behind each alias: {@code <prefix>user_search} points at exactly one
 * of {@code <prefix>user_search_v<n>}. Creation is idempotent (several processes may start at once) and every index
 * gets the seed's mapping from {@code mappings/<alias>.json}.
 */
public final class IndexLayout {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLayout.class);

    private final EsConnection es;
    private final SearchOptions options;

    IndexLayout(EsConnection es, SearchOptions options) {
        this.es = es;
        this.options = options;
    }

    public String alias(SearchIndex index) {
        return options.indexPrefix() + index.alias();
    }

    String versioned(SearchIndex index, int version) {
        return alias(index) + "_v" + version;
    }

    /** Creates {@code <alias>_v1} and the alias unless the alias exists. Safe to run concurrently. */
    void ensure(SearchIndex index) {
        String alias = alias(index);
        try {
            if (currentIndexOrNull(index) != null) {
                return;
            }
            if (es.exists("/" + alias)) {
                throw new IllegalStateException(alias + " exists as an index, not an alias; teto-data needs it to be an"
                        + " alias over " + alias + "_v<n> (reindex it into " + alias + "_v1 and alias it)");
            }
            String first = versioned(index, 1);
            create(index, first);
            try {
                es.rawJson("POST", "/_aliases", Map.of("actions", List.of(
                        Map.of("add", Map.of("index", first, "alias", alias, "is_write_index", true)))));
            } catch (EsConnection.StatusException e) {
                if (currentIndexOrNull(index) == null) {
                    throw e;
                }
            }
            LOG.info("Created search index {} behind alias {}", first, alias);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw EsErrors.translate("create index " + alias, e);
        }
    }

    /** Creates an index with the seed's mapping; an index that already exists is left as it is. */
    void create(SearchIndex index, String name) throws IOException {
        ObjectNode body = (ObjectNode) mapping(index);
        ObjectNode settings = body.putObject("settings");
        settings.put("number_of_shards", options.numberOfShards());
        settings.put("number_of_replicas", options.numberOfReplicas());
        settings.put("gc_deletes", options.tombstoneRetention().toSeconds() + "s");
        try {
            es.raw("PUT", "/" + name, es.json().writeValueAsBytes(body), EsConnection.JSON);
        } catch (EsConnection.StatusException e) {
            if (!"resource_already_exists_exception".equals(e.type)) {
                throw e;
            }
        }
        // wait for the primaries, so the first write does not race shard allocation
        es.raw("GET", "/_cluster/health/" + name + "?wait_for_active_shards=1&wait_for_status=yellow&timeout="
                + options.socketTimeout().toSeconds() + "s", null, null);
    }

    /** The seed's JSON for this index: {@code {"mappings": {...}}}. */
    JsonNode mapping(SearchIndex index) throws IOException {
        try (InputStream in = IndexLayout.class.getResourceAsStream("/dev/teto/data/search/mappings/" + index.alias() + ".json")) {
            if (in == null) {
                throw new IllegalStateException("mapping resource missing for " + index.alias());
            }
            return es.json().readTree(in);
        }
    }

    /** The versioned index the alias points to, or null when there is no alias. */
    String currentIndexOrNull(SearchIndex index) throws IOException {
        JsonNode aliases = es.raw("GET", "/_alias/" + alias(index), null, null);
        if (aliases == null || aliases.isEmpty()) {
            return null;
        }
        Iterator<String> names = aliases.fieldNames();
        String found = names.next();
        if (names.hasNext()) {
            throw new IllegalStateException(alias(index) + " points at more than one index; point it at one");
        }
        return found;
    }

    String currentIndex(SearchIndex index) throws IOException {
        String current = currentIndexOrNull(index);
        if (current == null) {
            throw new IllegalStateException(alias(index) + " does not exist; build TetoData with createIndexes(true)");
        }
        return current;
    }

    /** The next free version: one more than the highest {@code <alias>_v<n>} that exists. */
    String nextIndex(SearchIndex index) throws IOException {
        Pattern pattern = Pattern.compile(Pattern.quote(alias(index)) + "_v(\\d+)");
        int highest = 0;
        JsonNode indices = es.raw("GET", "/" + alias(index) + "_v*?filter_path=*.settings.index.provided_name"
                + "&expand_wildcards=all", null, null);
        if (indices != null) {
            for (Iterator<String> it = indices.fieldNames(); it.hasNext(); ) {
                Matcher m = pattern.matcher(it.next());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return versioned(index, highest + 1);
    }

    /** Points the alias from {@code from} to {@code to} and removes the rebuild marker from {@code to}, atomically. */
    void swap(SearchIndex index, String from, String to, String marker) throws IOException {
        es.rawJson("POST", "/_aliases", Map.of("actions", List.of(
                Map.of("remove", Map.of("index", from, "alias", alias(index))),
                Map.of("add", Map.of("index", to, "alias", alias(index), "is_write_index", true)),
                Map.of("remove", Map.of("index", to, "alias", marker)))));
    }

    /** Sets the rebuild marker alias on the index being built. */
    void mark(String target, String marker) throws IOException {
        es.rawJson("POST", "/_aliases", Map.of("actions", List.of(
                Map.of("add", Map.of("index", target, "alias", marker)))));
    }

    void unmark(String target, String marker) throws IOException {
        try {
            es.rawJson("POST", "/_aliases", Map.of("actions", List.of(
                    Map.of("remove", Map.of("index", target, "alias", marker)))));
        } catch (EsConnection.StatusException e) {
            if (e.status != 404) {
                throw e;
            }
        }
    }

    /** Creates a rebuild's index, refusing one that exists: another reindex got there first. */
    void createNew(SearchIndex index, String name) throws IOException {
        if (es.exists("/" + name)) {
            throw new IllegalStateException(name + " exists already: another reindex of " + index.alias()
                    + " is running or was abandoned (drop " + name + " if none runs)");
        }
        create(index, name);
    }

    void drop(String name) throws IOException {
        es.raw("DELETE", "/" + name, null, null);
    }

    void refresh(String name) throws IOException {
        es.raw("POST", "/" + name + "/_refresh", null, null);
    }
}

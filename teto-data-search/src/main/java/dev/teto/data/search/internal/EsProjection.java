package dev.teto.data.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.IndexRebuild;
import dev.teto.data.api.search.ProjectionIndex;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.Versioned;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A projected index: writes carry the source's version ({@code version_type=external_gte}), so Elasticsearch itself
 * refuses a write older than what it holds, even when two writers race.
 */
abstract class EsProjection<D> implements ProjectionIndex<D> {
    private final AliasedIndex<Versioned<D>> aliased;
    private final Codecs.Codec<D> codec;
    private final ObjectMapper json;
    private final Refresh refresh;

    EsProjection(SearchIndex index, Codecs.Codec<D> codec, SearchStore.Parts parts) {
        this.codec = codec;
        this.json = parts.es().json();
        this.refresh = parts.options().projectionRefresh();
        this.aliased = new AliasedIndex<>(index, codec.idField(), parts.layout(), parts.bulk(), parts.es(),
                this::indexOp, (target, hit) -> new BulkWriter.Op(BulkWriter.Action.INDEX, target,
                        hit.path("_id").asText(), hit.path("_version").asLong(), Codecs.bytes(json, (com.fasterxml.jackson.databind.node.ObjectNode) hit.path("_source"))),
                parts.failedWrites());
    }

    private BulkWriter.Op indexOp(String target, Versioned<D> v) {
        return new BulkWriter.Op(BulkWriter.Action.INDEX, target, v.id(), v.version(),
                Codecs.bytes(json, codec.toJson(json, v.document())));
    }

    @Override
    public SearchIndex index() {
        return aliased.index;
    }

    @Override
    public BulkResult upsertAll(List<Versioned<D>> documents) {
        return aliased.write(documents, refresh, "index into " + aliased.index.alias());
    }

    @Override
    public BulkResult forceAll(List<D> documents) {
        List<Versioned<D>> unversioned = new ArrayList<>(documents.size());
        documents.forEach(d -> unversioned.add(new Versioned<>(codec.idOf(d), 0, d)));
        return aliased.write(unversioned, refresh, "repair " + aliased.index.alias(), this::forceOp);
    }

    private BulkWriter.Op forceOp(String target, Versioned<D> v) {
        return new BulkWriter.Op(BulkWriter.Action.INDEX, target, v.id(), null,
                Codecs.bytes(json, codec.toJson(json, v.document())));
    }

    @Override
    public void delete(String id, long version) {
        aliased.delete(id, version, refresh);
    }

    @Override
    public Map<String, Versioned<D>> fetch(Collection<String> ids) {
        Map<String, Versioned<D>> found = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(ids);
        try {
            for (int from = 0; from < all.size(); from += 1000) {
                JsonNode hits = aliased.byIds(all.subList(from, Math.min(all.size(), from + 1000)));
                for (JsonNode hit : hits) {
                    String id = hit.path("_id").asText();
                    found.put(id, new Versioned<>(id, hit.path("_version").asLong(), codec.fromJson(hit.path("_source"))));
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("fetch from " + aliased.index.alias(), e);
        }
    }

    @Override
    public List<String> ids(String after, int limit) {
        try {
            List<String> ids = new ArrayList<>();
            aliased.pageById(aliased.alias(), after, limit, false).forEach(h -> ids.add(h.path("_id").asText()));
            return ids;
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("list ids of " + aliased.index.alias(), e);
        }
    }

    @Override
    public IndexRebuild<Versioned<D>> startRebuild() {
        return aliased.startRebuild(this::indexOp);
    }

    @Override
    public long count() {
        return aliased.count();
    }

    static final class Users extends EsProjection<UserDocument> implements UserIndex {
        Users(SearchStore.Parts parts) {
            super(SearchIndex.USER_SEARCH, Codecs.USER, parts);
        }
    }

    static final class Content extends EsProjection<ContentDocument> implements ContentIndex {
        Content(SearchStore.Parts parts) {
            super(SearchIndex.CONTENT_SEARCH, Codecs.CONTENT, parts);
        }
    }
}

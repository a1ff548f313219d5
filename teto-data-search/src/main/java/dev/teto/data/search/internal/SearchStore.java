package dev.teto.data.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.ContentSearch;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.search.SearchOptions;
import dev.teto.data.search.internal.privacy.SearchPersonalData;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The open Elasticsearch store: one connection, the three indexes, and its health. */
public final class SearchStore implements StoreProvider.OpenStore {
    /** What every part shares. */
    record Parts(EsConnection es, SearchOptions options, IndexLayout layout, BulkWriter bulk, AtomicLong failedWrites) {
    }

    private static final java.time.Duration HEALTH_TIMEOUT = java.time.Duration.ofSeconds(2);

    private final Parts parts;
    private final EsProjection.Users users;
    private final EsProjection.Content content;
    private final EsAnalytics analytics;

    private SearchStore(Parts parts) {
        this.parts = parts;
        this.users = new EsProjection.Users(parts);
        this.content = new EsProjection.Content(parts);
        this.analytics = new EsAnalytics(parts);
    }

    /** Connects and, unless the options say not to, creates each missing index behind its alias. */
    public static SearchStore open(SearchOptions options) {
        EsConnection es = EsConnection.open(options);
        try {
            IndexLayout layout = new IndexLayout(es, options);
            if (options.createIndexes()) {
                for (SearchIndex index : SearchIndex.values()) {
                    layout.ensure(index);
                }
            }
            return new SearchStore(new Parts(es, options, layout, new BulkWriter(es, options), new AtomicLong()));
        } catch (RuntimeException e) {
            es.close();
            throw e;
        }
    }

    public UserSearch userSearch() {
        return new EsUserSearch(parts);
    }

    public ContentSearch contentSearch() {
        return new EsContentSearch(parts);
    }

    public EsAnalytics analytics() {
        return analytics;
    }

    public UserIndex userIndex() {
        return users;
    }

    public ContentIndex contentIndex() {
        return content;
    }

    /** Export and erasure of a user's documents (issue 11). */
    public PersonalDataStore personalData() {
        return new SearchPersonalData(parts.es(), parts.layout(), users, parts.options().socketTimeout(),
                java.time.Clock.systemUTC());
    }

    /**
     * The cluster's health, asked with a 2-second bound: green or yellow (a replica unassigned, every primary
     * serving) is up; red or no answer is down. {@code failed_writes} counts write calls that failed since start, {@code bulk_requests} the bulk requests sent.
     */
    public ComponentHealth health() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("failed_writes", parts.failedWrites().get());
        metrics.put("bulk_requests", parts.bulk().requests());
        try {
            JsonNode health = parts.es().raw("GET", "/_cluster/health?timeout=2s", null, null, HEALTH_TIMEOUT);
            String status = health == null ? "unknown" : health.path("status").asText("unknown");
            metrics.put("cluster_status", status);
            if ("green".equals(status) || "yellow".equals(status)) {
                return ComponentHealth.up("search", metrics);
            }
            return new ComponentHealth("search", dev.teto.data.api.health.HealthStatus.DOWN, "cluster status " + status, metrics);
        } catch (Exception e) {
            return new ComponentHealth("search", dev.teto.data.api.health.HealthStatus.DOWN,
                    "unreachable (" + e.getClass().getSimpleName() + ")", metrics);
        }
    }

    @Override
    public void close() {
        parts.es().close();
    }
}

package dev.teto.data.core.internal.search;

import dev.teto.data.core.internal.privacy.SearchTokens;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.AnalyticsIndex;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.ContentSource;
import dev.teto.data.api.search.DriftReport;
import dev.teto.data.api.search.IndexRebuild;
import dev.teto.data.api.search.ProgressListener;
import dev.teto.data.api.search.ProjectionIndex;
import dev.teto.data.api.search.ReindexReport;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reindex and reconcile: core reads the source of truth (PostgreSQL through the repositories, MongoDB through
 * {@link ContentSource}) page by page on the caller's thread; the adapter writes with external versions, so a
 * rebuild or a repair never overwrites what a live update made newer meanwhile.
 *
 * <p>Reconcile holds the source's ids and versions in memory (about 100 bytes per document: fine to millions).
 */
final class SearchAdminService implements SearchAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(SearchAdminService.class);
    private static final int PAGE = 500;
    private static final int INDEX_PAGE = 1000;

    /** Streams the source of truth as pages of versioned documents. */
    interface Source<D> {
        void scan(Consumer<List<Versioned<D>>> page);

        /** The document's current state in the source, or null when it is gone there. */
        Versioned<D> reload(String id);
    }

    private final TetoOperations data;
    private final UserIndex users;
    private final ContentIndex content;
    private final AnalyticsIndex analytics;
    private final ContentSource contentSource;

    private final SearchTokens tokens;

    SearchAdminService(TetoOperations data, UserIndex users, ContentIndex content, AnalyticsIndex analytics,
            ContentSource contentSource, SearchTokens tokens) {
        this.data = data;
        this.tokens = tokens;
        this.users = users;
        this.content = content;
        this.analytics = analytics;
        this.contentSource = contentSource;
    }

    @Override
    public ReindexReport reindex(SearchIndex index, ProgressListener progress) {
        return switch (index) {
            case USER_SEARCH -> rebuild(users, userSource(), progress);
            case CONTENT_SEARCH -> contentSource != null ? rebuild(content, contentSource(), progress)
                    : copy(content, progress);
            case ANALYTICS_EVENTS -> copy(analytics, progress);
        };
    }

    @Override
    public DriftReport reconcile(SearchIndex index, ProgressListener progress) {
        return switch (index) {
            case USER_SEARCH -> reconcile(users, userSource(), progress);
            case CONTENT_SEARCH -> {
                if (contentSource == null) {
                    throw new StoreNotConfiguredException("reconciling content_search needs a ContentSource: configure "
                            + "dev.teto:teto-data-mongo with TetoData.builder().with(MongoOptions...)");
                }
                yield reconcile(content, contentSource(), progress);
            }
            case ANALYTICS_EVENTS -> throw new ValidationException("index", index.alias(),
                    "has no source of truth besides itself; only reindex applies");
        };
    }

    private <D> ReindexReport rebuild(ProjectionIndex<D> index, Source<D> source, ProgressListener progress) {
        long started = System.nanoTime();
        try (IndexRebuild<Versioned<D>> rebuild = index.startRebuild()) {
            long[] counts = new long[2];
            source.scan(page -> {
                BulkResult result = rebuild.write(page);
                failOn(result, index.index());
                counts[0] += result.written();
                counts[1] += result.skipped();
                progress.progress("copy", counts[0] + counts[1], -1);
            });
            progress.progress("swap", 0, 1);
            rebuild.commit();
            progress.progress("swap", 1, 1);
            return report(index.index(), rebuild, counts[0], counts[1], started);
        }
    }

    private <D> ReindexReport copy(dev.teto.data.api.search.RebuildableIndex<D> index, ProgressListener progress) {
        long started = System.nanoTime();
        try (IndexRebuild<D> rebuild = index.startRebuild()) {
            long total = index.count();
            progress.progress("copy", 0, total);
            long copied = rebuild.copyFromCurrent();
            progress.progress("copy", copied, total);
            progress.progress("swap", 0, 1);
            rebuild.commit();
            progress.progress("swap", 1, 1);
            return report(index.index(), rebuild, copied, 0, started);
        }
    }

    private static ReindexReport report(SearchIndex index, IndexRebuild<?> rebuild, long written, long skipped, long started) {
        ReindexReport report = new ReindexReport(index, rebuild.currentIndex(), rebuild.targetIndex(), written, skipped,
                (System.nanoTime() - started) / 1_000_000);
        LOG.info("Reindexed {}: {} -> {}, {} written, {} already newer, {} ms", index.alias(), report.fromIndex(),
                report.toIndex(), written, skipped, report.tookMillis());
        return report;
    }

    private <D> DriftReport reconcile(ProjectionIndex<D> index, Source<D> source, ProgressListener progress) {
        Map<String, Versioned<D>> truth = new HashMap<>();
        source.scan(page -> {
            page.forEach(v -> truth.put(v.id(), v));
            progress.progress("scan-source", truth.size(), -1);
        });
        long indexedTotal = index.count();
        Set<String> seen = new HashSet<>();
        Drift drift = new Drift();
        String after = null;
        while (true) {
            List<String> ids = index.ids(after, INDEX_PAGE);
            if (ids.isEmpty()) {
                break;
            }
            Map<String, Versioned<D>> indexed = index.fetch(ids);
            List<Versioned<D>> rewrite = new ArrayList<>();
            for (String id : ids) {
                seen.add(id);
                Versioned<D> have = indexed.get(id);
                Versioned<D> want = truth.get(id);
                if (have == null) {
                    continue;
                }
                if (want != null && have.version() < want.version() && !have.document().equals(want.document())) {
                    // the index is behind the source: external versioning still refuses it if a live write is newer.
                    // A source whose versions are upper bounds (MongoDB's scan) differs in version alone: not drift
                    drift.stale(id);
                    rewrite.add(want);
                } else if (want == null || !have.document().equals(want.document())) {
                    // The scan may simply be older than a live write (a user who registered or changed since):
                    // only what the source says now decides.
                    Versioned<D> now = source.reload(id);
                    if (now == null) {
                        drift.extra(id);
                        index.delete(id, have.version() + 1);
                    } else if (!now.document().equals(have.document())) {
                        drift.stale(id);
                        // drift written behind our back may carry any version: outbid it so the truth lands
                        rewrite.add(now.version() > have.version() ? now
                                : new Versioned<>(id, have.version() + 1, now.document()));
                    }
                }
            }
            failOn(index.upsertAll(rewrite), index.index());
            after = ids.get(ids.size() - 1);
            progress.progress("scan-index", seen.size(), indexedTotal);
        }
        List<Versioned<D>> missing = new ArrayList<>();
        for (String id : new TreeSet<>(truth.keySet())) {
            if (!seen.contains(id)) {
                drift.missing(id);
                missing.add(truth.get(id));
            }
        }
        for (int from = 0; from < missing.size(); from += PAGE) {
            List<Versioned<D>> batch = missing.subList(from, Math.min(missing.size(), from + PAGE));
            if (index.upsertAll(batch).skipped() > 0) {
                restoreBehindTombstones(index, source, batch);
            }
            progress.progress("repair", Math.min(missing.size(), from + PAGE), missing.size());
        }
        DriftReport report = drift.report(index.index(), truth.size(), seen.size());
        LOG.info("Reconciled {}: {} missing, {} extra, {} stale, {} repaired", index.index().alias(), report.missing(),
                report.extra(), report.stale(), report.repaired());
        return report;
    }

    /**
     * A missing document whose write was refused hides behind a tombstone newer than its version (a delete made
     * behind the library's back). If the source still holds it now (so the delete was not a real one that raced this
     * scan), it is written whatever the tombstone's version.
     */
    private static <D> void restoreBehindTombstones(ProjectionIndex<D> index, Source<D> source, List<Versioned<D>> batch) {
        List<String> ids = batch.stream().map(Versioned::id).toList();
        Map<String, Versioned<D>> present = index.fetch(ids);
        List<D> restore = new ArrayList<>();
        for (String id : ids) {
            if (!present.containsKey(id)) {
                Versioned<D> now = source.reload(id);
                if (now != null) {
                    restore.add(now.document());
                }
            }
        }
        if (!restore.isEmpty()) {
            failOn(index.forceAll(restore), index.index());
        }
    }

    private Source<UserDocument> userSource() {
        return new Source<>() {
            @Override
            public void scan(Consumer<List<Versioned<UserDocument>>> page) {
                PageRequest request = PageRequest.first(PAGE);
                while (true) {
                    Page<User> users = data.users().list(null, null, request);
                    if (!users.items().isEmpty()) {
                        page.accept(UserDocuments.build(data, tokens, users.items()));
                    }
                    if (users.nextCursor().isEmpty()) {
                        return;
                    }
                    request = request.after(users.nextCursor().get());
                }
            }

            @Override
            public Versioned<UserDocument> reload(String id) {
                java.util.UUID userId;
                try {
                    userId = java.util.UUID.fromString(id);
                } catch (IllegalArgumentException notAUserId) {
                    return null;
                }
                UserDocuments.State state = UserDocuments.load(data, tokens, userId, 0);
                return state instanceof UserDocuments.Live live ? live.document() : null;
            }
        };
    }

    private Source<ContentDocument> contentSource() {
        return new Source<>() {
            @Override
            public Versioned<ContentDocument> reload(String id) {
                for (String collection : ContentProjection.COLLECTIONS) {
                    ContentChange change = contentSource.find(collection, id);
                    if (change != null && change.kind() == ContentChange.Kind.UPSERT) {
                        return ContentDocuments.from(change);
                    }
                }
                return null;
            }

            @Override
            public void scan(Consumer<List<Versioned<ContentDocument>>> page) {
                for (String collection : new TreeSet<>(ContentProjection.COLLECTIONS)) {
                    String after = null;
                    while (true) {
                        List<ContentChange> changes = contentSource.scan(collection, after, PAGE);
                        if (changes.isEmpty()) {
                            break;
                        }
                        List<Versioned<ContentDocument>> docs = new ArrayList<>(changes.size());
                        for (ContentChange change : changes) {
                            if (change.kind() == ContentChange.Kind.UPSERT) {
                                docs.add(ContentDocuments.from(change));
                            }
                        }
                        page.accept(docs);
                        after = changes.get(changes.size() - 1).documentId();
                    }
                }
            }
        };
    }

    private static void failOn(BulkResult result, SearchIndex index) {
        if (result.hasFailures()) {
            throw new DataAccessException("search", index.alias() + " refused " + result.failures().size()
                    + " document(s), first " + result.failures().get(0).id() + ": " + result.failures().get(0).type(), null);
        }
    }

    private static final class Drift {
        long missing;
        long extra;
        long stale;
        final List<String> missingIds = new ArrayList<>();
        final List<String> extraIds = new ArrayList<>();
        final List<String> staleIds = new ArrayList<>();

        void missing(String id) {
            missing++;
            sample(missingIds, id);
        }

        void extra(String id) {
            extra++;
            sample(extraIds, id);
        }

        void stale(String id) {
            stale++;
            sample(staleIds, id);
        }

        private static void sample(List<String> ids, String id) {
            if (ids.size() < DriftReport.SAMPLE) {
                ids.add(id);
            }
        }

        DriftReport report(SearchIndex index, long source, long indexed) {
            return new DriftReport(index, source, indexed, missing, extra, stale, missing + extra + stale, missingIds,
                    extraIds, staleIds);
        }
    }
}

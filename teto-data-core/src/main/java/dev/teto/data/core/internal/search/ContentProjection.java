package dev.teto.data.core.internal.search;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.ItemFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies MongoDB's change feed to {@code content_search}: each change carries the source's commit-order version,
 * written as the external version, so a replayed or late change never overwrites a newer one, and a delete leaves
 * a versioned tombstone. Throwing makes the feed offer the change again after a pause (search down).
 */
final class ContentProjection implements ChangeFeed.Listener {
    static final String SUBSCRIBER = "teto.search.content";
    static final Set<String> COLLECTIONS = Set.of(ContentDocuments.POSTS, ContentDocuments.INSIGHTS);

    private final ContentIndex index;
    private static final Logger LOG = LoggerFactory.getLogger(ContentProjection.class);

    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean failing;

    ContentProjection(ContentIndex index) {
        this.index = index;
    }

    @Override
    public void onChange(ContentChange change) {
        if (!COLLECTIONS.contains(change.collection())) {
            return;
        }
        try {
            if (change.kind() == ContentChange.Kind.DELETE) {
                index.delete(change.documentId(), change.version());
                failing = false;
                return;
            }
            BulkResult result = index.upsert(ContentDocuments.from(change));
            if (result.hasFailures()) {
                ItemFailure failure = result.failures().get(0);
                if (failure.status() >= 500 || failure.status() == 429) {
                    throw new DataAccessException("search", "content_search could not take document "
                            + change.documentId() + ": " + failure.status() + " " + failure.type(), null);
                }
                // Refused for good (the mapping will not take it): retrying would stall the whole feed behind one
                // document. It is counted in health, and reconcile reports it as missing until the source is fixed.
                refused.incrementAndGet();
                LOG.warn("content_search refused document {} of {}: {} {}; skipped", change.documentId(),
                        change.collection(), failure.status(), failure.type());
            }
            failing = false;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            failing = true;
            throw e;
        }
    }

    long failures() {
        return failures.get();
    }

    /** Documents the index refused for good and that were skipped. */
    long refused() {
        return refused.get();
    }

    boolean failing() {
        return failing;
    }
}

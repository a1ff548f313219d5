package dev.teto.data.api.search;

import java.util.List;

/**
 * What a bulk write did. Every document is accounted for: written, skipped (an event recorded before, or a
 * projection update older than the indexed version), or failed with its id.
 */
public record BulkResult(int submitted, int written, int skipped, List<ItemFailure> failures) {

    public BulkResult {
        failures = List.copyOf(failures);
    }

    public static BulkResult empty() {
        return new BulkResult(0, 0, 0, List.of());
    }

    public boolean hasFailures() {
        return !failures.isEmpty();
    }

    public BulkResult plus(BulkResult other) {
        List<ItemFailure> all = new java.util.ArrayList<>(failures);
        all.addAll(other.failures);
        return new BulkResult(submitted + other.submitted, written + other.written, skipped + other.skipped, all);
    }
}

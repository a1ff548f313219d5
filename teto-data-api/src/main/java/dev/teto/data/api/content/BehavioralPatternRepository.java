package dev.teto.data.api.content;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code behavioral_patterns}: one document per (user, assessment, pattern type). Writes are idempotent, so a
 * consumer may apply the same event twice. Listings are newest first ({@code created_at}, then id) within
 * {@code [from, to)}.
 */
@ProvidedBy(module = "dev.teto:teto-data-mongo", options = "MongoOptions")
public interface BehavioralPatternRepository {
    /** Inserts the pattern, or replaces the data of the one already recorded for its key. */
    BehavioralPattern record(NewBehavioralPattern pattern);

    Optional<BehavioralPattern> find(UUID userId, UUID assessmentId, String patternType);

    /**
     * Appends an anomaly atomically; one with the same timestamp as an anomaly already there is ignored.
     *
     * @return true when appended, false when ignored
     * @throws dev.teto.data.api.error.NotFoundException when no pattern has this key
     * @throws dev.teto.data.api.error.ConflictException when the pattern already holds the store's anomaly cap
     */
    boolean appendAnomaly(UUID userId, UUID assessmentId, String patternType, Anomaly anomaly);

    Page<BehavioralPattern> listByUser(UUID userId, TimeRange range, PageRequest page);

    Page<BehavioralPattern> listByType(String patternType, TimeRange range, PageRequest page);
}

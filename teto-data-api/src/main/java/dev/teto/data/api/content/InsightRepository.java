package dev.teto.data.api.content;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.validation.Code;
import dev.teto.data.api.validation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * {@code personality_insights}. Listings are most popular first ({@code metadata.popularity_score} descending,
 * then id).
 */
@ProvidedBy(module = "dev.teto:teto-data-mongo", options = "MongoOptions")
public interface InsightRepository {
    Insight create(NewInsight insight);

    Optional<Insight> get(ContentId id);

    /** @throws dev.teto.data.api.error.NotFoundException when the insight does not exist */
    Insight update(ContentId id, InsightUpdate update);

    /** Insights of one type, optionally of one category. */
    Page<Insight> listByType(@Code String personalityType, @Nullable @Code String category, PageRequest page);

    /** Insights of other types that name {@code personalityType} among their {@code related_types}. */
    Page<Insight> listRelated(@Code String personalityType, PageRequest page);

    /**
     * The {@code limit} most popular insights of a type (1 to {@link ContentLimits#RESULTS_MAX}); the call core
     * caches as {@code POPULAR_INSIGHTS:{type}} when a cache is configured.
     */
    List<Insight> popular(@Code String personalityType, int limit);
}

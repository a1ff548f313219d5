package dev.teto.data.core.internal.rules;

import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.ContentLimits;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.InsightUpdate;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.cache.CacheKeys;
import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.core.internal.cache.PopularInsights;

import java.util.List;
import java.util.Optional;

/**
 * Insights: the popular list of a type is read through the cache ({@code POPULAR_INSIGHTS:<type>}, the type's top
 * {@value #CACHED_TOP}; larger limits read MongoDB), removed after every write made here and, for writes made elsewhere, by the
 * MongoDB change feed ({@link CacheLayer#followChanges}).
 */
public final class InsightRules implements InsightRepository {
    /** How many of a type's top insights the cache holds: the common page size, not the largest limit. */
    static final int CACHED_TOP = 20;

    private final InsightRepository store;
    private final CacheLayer cache;

    public InsightRules(InsightRepository store, CacheLayer cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Insight create(NewInsight insight) {
        Insight created = store.create(insight);
        cache.evict(CacheKeys.popularInsights(created.personalityType()));
        return created;
    }

    @Override
    public Optional<Insight> get(ContentId id) {
        return store.get(id);
    }

    @Override
    public Insight update(ContentId id, InsightUpdate update) {
        Insight updated = store.update(id, update);
        cache.evict(CacheKeys.popularInsights(updated.personalityType()));
        return updated;
    }

    @Override
    public Page<Insight> listByType(String personalityType, String category, PageRequest page) {
        return store.listByType(personalityType, category, page);
    }

    @Override
    public Page<Insight> listRelated(String personalityType, PageRequest page) {
        return store.listRelated(personalityType, page);
    }

    @Override
    public List<Insight> popular(String personalityType, int limit) {
        Check.range("limit", limit, 1, ContentLimits.RESULTS_MAX);
        Check.requiredText("personalityType", personalityType, ContentLimits.CODE_MAX);
        if (limit > CACHED_TOP) {
            return store.popular(personalityType, limit);
        }
        List<Insight> top = cache.read(CacheKeys.popularInsights(personalityType), PopularInsights.class,
                        cache.options().popularInsightsTtl(), false,
                        () -> Optional.of(new PopularInsights(store.popular(personalityType, CACHED_TOP))))
                .map(PopularInsights::insights)
                .orElseGet(List::of);
        return top.size() <= limit ? top : top.subList(0, limit);
    }
}

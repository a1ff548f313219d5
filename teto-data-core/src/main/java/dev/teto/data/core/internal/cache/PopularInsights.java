package dev.teto.data.core.internal.cache;

import dev.teto.data.api.content.Insight;

import java.util.List;

/**
 * The value of {@code POPULAR_INSIGHTS:<type>}: the type's most popular insights themselves, in order, so a hit
 * costs no MongoDB call (the seed lists ids only; docs/schema-deviations.md). Public for the stores' codecs.
 */
public record PopularInsights(List<Insight> insights) {
    public PopularInsights {
        insights = List.copyOf(insights);
    }
}

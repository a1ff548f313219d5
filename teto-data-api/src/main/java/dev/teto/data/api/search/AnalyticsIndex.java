package dev.teto.data.api.search;

/** SPI: {@code analytics_events} as core rebuilds it; the index is its own source of truth, so it is copied. */
public interface AnalyticsIndex extends RebuildableIndex<AnalyticsEvent> {
}

/**
 * Search and analytics over the seed's three Elasticsearch indexes ({@code user_search}, {@code content_search},
 * {@code analytics_events}): the host-facing ports ({@link dev.teto.data.api.search.UserSearch},
 * {@link dev.teto.data.api.search.ContentSearch}, {@link dev.teto.data.api.search.AnalyticsEvents},
 * {@link dev.teto.data.api.search.SearchAdmin}) and the projection SPI core writes through
 * ({@link dev.teto.data.api.search.UserIndex}, {@link dev.teto.data.api.search.ContentIndex},
 * {@link dev.teto.data.api.search.ContentSource}).
 */
package dev.teto.data.api.search;

/**
 * The Elasticsearch adapter: {@link dev.teto.data.search.SearchOptions} and
 * {@link dev.teto.data.search.SearchStoreProvider}; everything else is internal.
 */
package dev.teto.data.search;

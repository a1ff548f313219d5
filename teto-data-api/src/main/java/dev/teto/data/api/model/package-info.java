/**
 * Domain records: one row type per table of the seed's PostgreSQL schema, plus the input records used to
 * create ({@code New*}) and change ({@code *Update}) them. In update records a {@code null} component means
 * "leave unchanged". JSONB columns are JSON objects, carried as {@code Map<String, Object>}.
 */
package dev.teto.data.api.model;

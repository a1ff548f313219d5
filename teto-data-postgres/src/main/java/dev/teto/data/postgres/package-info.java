/**
 * The PostgreSQL adapter. It owns the seed's relational schema (Flyway migrations under
 * {@code db/teto/postgres}), a HikariCP pool, and Jdbi implementations of every repository in
 * {@code dev.teto.data.api.repository}.
 *
 * <p>Public here: {@link dev.teto.data.postgres.PostgresStoreProvider} (found by {@code TetoData.builder()} through
 * {@link java.util.ServiceLoader}) and {@link dev.teto.data.postgres.PostgresMigrations} for hosts that run
 * migrations themselves. Everything else is package-private: depend on the api, not on this package.
 */
package dev.teto.data.postgres;

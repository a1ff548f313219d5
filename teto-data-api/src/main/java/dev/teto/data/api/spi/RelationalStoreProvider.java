package dev.teto.data.api.spi;

import dev.teto.data.api.PostgresOptions;
import dev.teto.data.api.scoring.ProfileScorer;

/**
 * Found through {@link java.util.ServiceLoader}: an adapter module (teto-data-postgres) registers one in
 * {@code META-INF/services}, so the api module needs no compile-time dependency on any driver.
 */
public interface RelationalStoreProvider {

    /** Opens the pool and, when the options ask for it, migrates the schema. Fails fast if the server is down. */
    RelationalStore open(PostgresOptions options, ProfileScorer defaultScorer);
}

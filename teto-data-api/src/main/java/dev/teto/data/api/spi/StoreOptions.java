package dev.teto.data.api.spi;

/**
 * Marker for an adapter's options class (PostgresOptions, RedisOptions, ...). Each adapter owns its own, built and
 * validated once by its immutable builder; {@code TetoData.builder().with(options)} routes it to the
 * {@link StoreProvider} whose {@link StoreProvider#optionsType()} it is.
 */
public interface StoreOptions {
}

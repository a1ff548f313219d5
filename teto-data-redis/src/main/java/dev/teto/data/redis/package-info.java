/**
 * The Redis adapter (Lettuce; one server or a Redis Cluster): the shared cache, the session fast path and the
 * rate-limit counters under the seed's key names.
 *
 * <p>Public here: {@link dev.teto.data.redis.RedisStoreProvider} (found by {@code TetoData.builder()} through
 * {@link java.util.ServiceLoader}) and {@link dev.teto.data.redis.RedisOptions}. Everything under {@code internal}
 * may change without notice: depend on the api's ports, not on it.
 */
package dev.teto.data.redis;

package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.privacy.KeyProvider;
import dev.teto.data.api.privacy.MasterKey;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.api.spi.UserKeyStore;
import dev.teto.data.api.spi.WrappedKey;
import dev.teto.data.core.internal.tx.ShortTransactions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Each user's data key: created on the user's first sealed write, wrapped by the active master key, kept in the
 * store's {@code user_keys}, and unwrapped at most once per cache lifetime. Destroying it (deleting the user) makes
 * every sealed copy of the user's data unreadable, wherever it went.
 */
public final class UserKeys {
    /** The name failures of key handling carry as their store. */
    static final String STORE = "keys";

    private final KeyProvider provider;
    private final KeyCache cache;
    private final TransactionalStore store;
    private final Clock clock;

    public UserKeys(KeyProvider provider, TransactionalStore store, int cacheSize, java.time.Duration cacheAge, Clock clock) {
        this.provider = provider;
        this.store = store;
        this.clock = clock;
        this.cache = new KeyCache(cacheSize, cacheAge, clock);
    }

    /** The user's key in the caller's transaction, created there if the user has none yet. */
    public byte[] forWrite(UserKeyStore keys, UUID userId) {
        byte[] cached = cache.get(userId);
        if (cached != null) {
            return cached;
        }
        WrappedKey stored = keys.find(userId).orElseGet(() -> keys.insertIfAbsent(newKey(userId).wrapped()));
        return remember(userId, unwrap(stored));
    }

    /** The user's key as visible in the caller's transaction; null when the user has none (never sealed, or erased). */
    public byte[] forRead(UserKeyStore keys, UUID userId) {
        byte[] cached = cache.get(userId);
        if (cached != null) {
            return cached;
        }
        Optional<WrappedKey> stored = keys.find(userId);
        return stored.map(k -> remember(userId, unwrap(k))).orElse(null);
    }

    /**
     * For stores without transactions (document text): reads the key in a short transaction of its own, as the
     * library's service, so it works from any thread, inside a host's transaction too.
     */
    public byte[] forReadAlone(UUID userId) {
        byte[] cached = cache.get(userId);
        if (cached != null) {
            return cached;
        }
        return alone(keys -> forRead(keys, userId), false);
    }

    /** Like {@link #forReadAlone} but creates the key when the user has none. */
    public byte[] forWriteAlone(UUID userId) {
        byte[] cached = cache.get(userId);
        if (cached != null) {
            return cached;
        }
        return alone(keys -> forWrite(keys, userId), true);
    }

    /** A fresh key for a user whose row does not exist yet; {@link #store} it after the row is inserted. */
    public NewKey newKey(UUID userId) {
        MasterKey master = provider.active();
        byte[] dataKey = Envelope.randomKey();
        return new NewKey(userId, dataKey, new WrappedKey(userId, master.id(),
                Envelope.encrypt(master.material(), wrapAad(userId), dataKey), clock.instant()));
    }

    public void store(UserKeyStore keys, NewKey key) {
        WrappedKey stored = keys.insertIfAbsent(key.wrapped());
        if (!stored.masterKeyId().equals(key.wrapped().masterKeyId())
                || !java.util.Arrays.equals(stored.wrapped(), key.wrapped().wrapped())) {
            throw new IllegalStateException("the user already had a data key");
        }
        remember(key.userId(), key.key());
    }

    /** A data key made before its user's row: the plain key to seal with and its wrapped form to store. */
    public record NewKey(UUID userId, byte[] key, WrappedKey wrapped) {
        @Override
        public String toString() {
            return "NewKey[" + userId + "]";
        }
    }

    /** Drops the user's key from this instance's memory (the store's copy goes with the user's row). */
    public void forget(UUID userId) {
        cache.forget(userId);
    }

    private byte[] alone(java.util.function.Function<UserKeyStore, byte[]> work, boolean write) {
        return ShortTransactions.run(store, write ? TxOptions.DEFAULT : TxOptions.READ_ONLY,
                tx -> work.apply(tx.capability(UserKeyStore.class)));
    }

    private byte[] remember(UUID userId, byte[] key) {
        cache.put(userId, key);
        return key;
    }

    /** Rewraps a key under the active master key; null when it is already, or its master key is unknown. */
    public WrappedKey rewrapped(WrappedKey key) {
        MasterKey active = provider.active();
        if (active.id().equals(key.masterKeyId())) {
            return null;
        }
        return new WrappedKey(key.userId(), active.id(), Envelope.encrypt(active.material(), wrapAad(key.userId()),
                unwrap(key)), key.createdAt());
    }

    private byte[] unwrap(WrappedKey key) {
        MasterKey master = provider.find(key.masterKeyId()).orElseThrow(() -> new DataAccessException(STORE,
                "master key " + key.masterKeyId() + " is not configured; it wrapped stored user keys (keep it in "
                        + "the KeyProvider until every key it wrapped is rewrapped)", null));
        return Envelope.decrypt(master.material(), wrapAad(key.userId()), key.wrapped());
    }

    private static byte[] wrapAad(UUID userId) {
        return ("teto-user-key:" + userId).getBytes(StandardCharsets.US_ASCII);
    }
}

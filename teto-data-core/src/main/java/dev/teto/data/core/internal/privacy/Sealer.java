package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.spi.UserKeyStore;
import dev.teto.data.core.internal.tx.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Seals and opens one user's PII fields, for core's rules. Sealing needs the user's key and creates it on first use;
 * opening a value whose key is gone (an erased user) gives null rather than an error, since that is exactly what
 * crypto-shredding promises.
 */
public final class Sealer {
    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);

    private final UserKeys keys;
    private final BlindIndex index;

    public Sealer(UserKeys keys, BlindIndex index) {
        this.keys = keys;
        this.index = index;
    }

    public BlindIndex index() {
        return index;
    }

    public UserKeys keys() {
        return keys;
    }

    /** Seals in the caller's transaction (where the user's key row is created if needed). */
    public String seal(Unit unit, UUID userId, String value) {
        if (value == null) {
            return null;
        }
        return Envelope.seal(keys.forWrite(unit.port(UserKeyStore.class), userId), userId, value);
    }

    public String open(Unit unit, UUID userId, String value) {
        if (!Envelope.isSealed(value) && !isSealedEmail(value)) {
            return value;
        }
        return openWith(keys.forRead(unit.port(UserKeyStore.class), userId), userId, value);
    }

    /** For stores without transactions: the key is read or created in a short transaction of its own. */
    public String sealAlone(UUID userId, String value) {
        if (value == null) {
            return null;
        }
        return Envelope.seal(keys.forWriteAlone(userId), userId, value);
    }

    public String openAlone(UUID userId, String value) {
        if (!Envelope.isSealed(value) || userId == null) {
            return Envelope.isSealed(value) ? null : value;
        }
        return openWith(keys.forReadAlone(userId), userId, value);
    }

    /** {@code bi1.<index>.tenc1.<...>}: the look-up index beside the sealed address. */
    public String sealEmail(Unit unit, UUID userId, String email) {
        return index.emailLookup(email) + "." + seal(unit, userId, email);
    }

    public UserKeys.NewKey newKey(UUID userId) {
        return keys.newKey(userId);
    }

    public String sealWith(UserKeys.NewKey key, String value) {
        return value == null ? null : Envelope.seal(key.key(), key.userId(), value);
    }

    public String sealEmailWith(UserKeys.NewKey key, String email) {
        return index.emailLookup(email) + "." + sealWith(key, email);
    }

    public void store(Unit unit, UserKeys.NewKey key) {
        keys.store(unit.port(UserKeyStore.class), key);
    }

    /** What the store matches an email by. */
    public String emailLookup(String email) {
        return index.emailLookup(email);
    }

    /** The sealed part of a sealed email, or the value itself. */
    static String sealedPartOfEmail(String value) {
        if (!isSealedEmail(value)) {
            return value;
        }
        int at = value.indexOf('.', BlindIndex.EMAIL_PREFIX.length());
        return at < 0 ? value : value.substring(at + 1);
    }

    static boolean isSealedEmail(String value) {
        return value != null && value.startsWith(BlindIndex.EMAIL_PREFIX);
    }

    /** Opens with a known key (null: gone); a value that does not open is reported as null, never thrown. */
    static String openWith(byte[] key, UUID userId, String value) {
        String sealed = sealedPartOfEmail(value);
        if (!Envelope.isSealed(sealed)) {
            return sealed;
        }
        if (key == null) {
            return null;
        }
        try {
            return Envelope.open(key, userId, sealed);
        } catch (Envelope.SealedValueException e) {
            LOG.warn("A sealed value of a user did not open with their key: {}", e.getMessage());
            return null;
        }
    }
}

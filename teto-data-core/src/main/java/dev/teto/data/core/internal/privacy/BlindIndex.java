package dev.teto.data.core.internal.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Deterministic keyed hashes (HMAC-SHA256 under the blind-index key): equal inputs give equal outputs, so the store
 * can enforce uniqueness and look up by them, and without the key they reveal nothing. Each use has its own label so
 * an email's index never equals a user id's pseudonym.
 */
public final class BlindIndex {
    /** Prefix of a sealed email: {@code bi1.<index>.tenc1.<ciphertext>}. */
    public static final String EMAIL_PREFIX = "bi1.";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    /**
     * One initialised Mac per thread: {@code Mac.getInstance} walks the security providers and {@code init} keys it,
     * which cost more than the hash itself on the request path. {@code doFinal} leaves it ready for the next use.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public BlindIndex(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the blind-index key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The email's look-up value, {@code bi1.<index>}: case-insensitive, as the seed's lower(email) index was. */
    public String emailLookup(String email) {
        return EMAIL_PREFIX + hash("email", email.trim().toLowerCase(Locale.ROOT));
    }

    /** The user's stand-in in the audit log and erasure receipts. */
    public String pseudonym(UUID userId) {
        return hash("user", userId.toString());
    }

    /**
     * A short hex token (80 bits): a search engine keeps it as one word under any analyzer, so a tokenised name
     * still matches word by word.
     */
    public String token(String label, String value) {
        byte[] mac = mac(label, value);
        StringBuilder hex = new StringBuilder("t");
        for (int i = 0; i < 10; i++) {
            hex.append(Character.forDigit((mac[i] >> 4) & 0xf, 16)).append(Character.forDigit(mac[i] & 0xf, 16));
        }
        return hex.toString();
    }

    private String hash(String label, String value) {
        return ENCODER.encodeToString(mac(label, value));
    }

    private byte[] mac(String label, String value) {
        Mac mac = macs.get();
        mac.update(label.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}

package dev.teto.data.core.internal.privacy;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * AES-256-GCM under a user's data key, with the user id as associated data: a value copied onto another user's row
 * does not open. Sealed text is {@code tenc1.} + base64url(nonce || ciphertext || tag), so any store holds it as
 * plain text and core can recognise it anywhere (an export, an event payload).
 */
public final class Envelope {
    public static final String PREFIX = "tenc1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised afresh for every value (each has its own key or nonce):
     * {@code Cipher.getInstance} walks the security providers on every call, a cost on the request path.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    });
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Envelope() {
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public static String seal(byte[] key, UUID userId, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        return PREFIX + ENCODER.encodeToString(encrypt(key, aad(userId), plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @throws SealedValueException when the value was sealed under another key or user, or was altered
     */
    public static String open(byte[] key, UUID userId, String sealed) {
        if (!isSealed(sealed)) {
            return sealed;
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("not a sealed value");
        }
        return new String(decrypt(key, aad(userId), bytes), StandardCharsets.UTF_8);
    }

    static byte[] encrypt(byte[] key, byte[] aad, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] body = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + body.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(body, 0, out, NONCE_BYTES, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    static byte[] decrypt(byte[] key, byte[] aad, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedValueException("not a sealed value");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealedValueException("the value does not open with this key and user");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    static byte[] aad(UUID userId) {
        return ("teto-user:" + userId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A sealed value that does not open: wrong key (e.g. the user was erased), wrong user, or tampered. */
    public static final class SealedValueException extends RuntimeException {
        SealedValueException(String message) {
            super(message, null, false, false);
        }
    }
}

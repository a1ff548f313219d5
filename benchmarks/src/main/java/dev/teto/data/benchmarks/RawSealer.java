package dev.teto.data.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The raw baseline's privacy work, the same amount the SDK does on registration (docs/privacy.md): a fresh 32-byte
 * key per user wrapped under a master key with AES-256-GCM, the email and name sealed under the user's key
 * ({@code tenc1.} + base64url of nonce, ciphertext and tag) and the email's HMAC-SHA256 blind index in front.
 */
final class RawSealer {

    static final String MASTER_KEY_ID = "raw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final byte[] masterKey = new byte[32];
    private final byte[] blindIndexKey = new byte[32];

    RawSealer() {
        random.nextBytes(masterKey);
        random.nextBytes(blindIndexKey);
    }

    byte[] newUserKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    byte[] wrap(byte[] userKey) {
        return encrypt(masterKey, userKey);
    }

    String seal(byte[] userKey, String plaintext) {
        return "tenc1." + B64.encodeToString(encrypt(userKey, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    String sealEmail(byte[] userKey, String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(blindIndexKey, "HmacSHA256"));
            String index = B64.encodeToString(mac.doFinal(email.toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8)));
            return "bi1." + index + "." + seal(userKey, email);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("raw sealer: HMAC failed", e);
        }
    }

    private byte[] encrypt(byte[] key, byte[] plaintext) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("raw sealer: AES-GCM failed", e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}

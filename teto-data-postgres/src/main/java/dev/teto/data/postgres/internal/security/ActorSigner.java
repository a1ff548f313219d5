package dev.teto.data.postgres.internal.security;

import dev.teto.data.api.context.Actor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs the acting user the way V7's {@code teto_actor_verified()} checks it:
 * base64(HMAC-SHA256(key, actor + '|' + user_id + '|' + role)). A connection that sets {@code app.user_id} by hand,
 * without the key, cannot produce the signature, so the row-level-security policies give it no user's rows.
 *
 * <p>{@link Actor#NONE} (the facade without {@code data.as(...)}, and the library's own work) acts as the trusted
 * service {@value #SELF_SERVICE}, so the bare facade keeps seeing every row.
 */
public final class ActorSigner {
    /** The service the SDK acts as when no actor is given. */
    public static final String SELF_SERVICE = "teto-data";
    public static final int KEY_BYTES = 32;
    private static final Actor SELF = Actor.service(SELF_SERVICE, null);

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final Context self;

    /** What goes into the four {@code app.*} settings of one transaction. */
    public record Context(String actor, String userId, String role, String signature) {
    }

    public ActorSigner(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("actorKey must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.self = sign(SELF);
    }

    /** The settings for {@code actor}; {@link Actor#NONE} becomes the SDK's own service (precomputed). */
    public Context contextFor(Actor actor) {
        return actor.kind() == Actor.Kind.NONE ? self : sign(actor);
    }

    private Context sign(Actor actor) {
        String userId = actor.userId() == null ? "" : actor.userId().toString();
        String role = actor.role() == null ? "" : actor.role();
        String message = actor.label() + "|" + userId + "|" + role;
        byte[] mac = macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8));
        return new Context(actor.label(), userId, role, Base64.getEncoder().encodeToString(mac));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** HMAC's inner and outer padded key blocks, as V7's {@code teto_actor_key} stores them. */
    static byte[][] paddedBlocks(byte[] key) {
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        return new byte[][] {ipad, opad};
    }

    /** The key back from the stored inner block (the key is zero-padded to the block, so the xor undoes it). */
    static byte[] keyFromInnerBlock(byte[] ipad) {
        byte[] key = Arrays.copyOf(ipad, KEY_BYTES);
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (key[i] ^ 0x36);
        }
        return key;
    }
}

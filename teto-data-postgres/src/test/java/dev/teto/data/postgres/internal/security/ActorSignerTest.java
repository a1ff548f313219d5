package dev.teto.data.postgres.internal.security;

import dev.teto.data.api.context.Actor;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActorSignerTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signsActorUserIdAndRoleWithHmacSha256() throws Exception {
        UUID id = UUID.randomUUID();
        ActorSigner.Context c = new ActorSigner(KEY).contextFor(Actor.user(id));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal(("user:" + id + "|" + id + "|user").getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, c.signature());
        assertEquals("user:" + id, c.actor());
    }

    @Test
    void noActorIsTheSdksOwnService() {
        ActorSigner.Context c = new ActorSigner(KEY).contextFor(Actor.NONE);
        assertEquals("service:teto-data", c.actor());
        assertEquals("", c.userId());
        assertEquals("", c.role());
    }

    @Test
    void aDifferentRoleGetsADifferentSignature() {
        UUID id = UUID.randomUUID();
        ActorSigner s = new ActorSigner(KEY);
        assertNotEquals(s.contextFor(Actor.user(id)).signature(), s.contextFor(Actor.user(id, "admin")).signature());
    }

    /** What V7's SQL computes with sha256() over the stored blocks equals the JDK's HMAC. */
    @Test
    void thePaddedBlocksGiveTheSameHmacAndTheKeyBack() throws Exception {
        byte[][] blocks = ActorSigner.paddedBlocks(KEY);
        byte[] message = "service:teto-data||".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(blocks[0]);
        byte[] inner = sha.digest(message);
        sha.update(blocks[1]);
        byte[] outer = sha.digest(inner);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        assertArrayEquals(mac.doFinal(message), outer);
        assertArrayEquals(KEY, ActorSigner.keyFromInnerBlock(blocks[0]));
    }

    @Test
    void aKeyOfAnotherLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ActorSigner(new byte[16]));
    }
}

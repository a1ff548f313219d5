package dev.teto.data.core.internal.privacy;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {
    private final byte[] key = Envelope.randomKey();
    private final UUID user = UUID.randomUUID();

    @Test
    void sealedTextOpensWithTheSameKeyAndUserOnly() {
        String sealed = Envelope.seal(key, user, "지민 Kim");
        assertTrue(sealed.startsWith(Envelope.PREFIX));
        assertFalse(sealed.contains("Kim"));
        assertEquals("지민 Kim", Envelope.open(key, user, sealed));
        assertThrows(Envelope.SealedValueException.class, () -> Envelope.open(key, UUID.randomUUID(), sealed));
        assertThrows(Envelope.SealedValueException.class, () -> Envelope.open(Envelope.randomKey(), user, sealed));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertNotEquals(Envelope.seal(key, user, "same"), Envelope.seal(key, user, "same"));
    }

    @Test
    void tamperedOrTruncatedValuesDoNotOpen() {
        String sealed = Envelope.seal(key, user, "answer text");
        char last = sealed.charAt(sealed.length() - 2);
        String flipped = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThrows(Envelope.SealedValueException.class, () -> Envelope.open(key, user, flipped));
        assertThrows(Envelope.SealedValueException.class, () -> Envelope.open(key, user, Envelope.PREFIX + "AAAA"));
        assertThrows(Envelope.SealedValueException.class, () -> Envelope.open(key, user, Envelope.PREFIX + "%%%"));
    }

    @Test
    void plainTextAndNullPassThrough() {
        assertEquals("plain", Envelope.open(key, user, "plain"));
        assertNull(Envelope.seal(key, user, null));
    }

    @Test
    void sealerReportsAValueItCannotOpenAsNull() {
        String sealed = Envelope.seal(key, user, "x");
        assertNull(Sealer.openWith(null, user, sealed));
        assertNull(Sealer.openWith(Envelope.randomKey(), user, sealed));
        assertEquals("x", Sealer.openWith(key, user, sealed));
        assertEquals("a@b.co", Sealer.openWith(key, user, "bi1.abc." + Envelope.seal(key, user, "a@b.co")));
    }

    /** Each thread reuses one cipher: a failed open must not spoil the next seal or open, on any thread. */
    @Test
    void aThreadsCipherServesEveryKeyAndUserAfterAFailure() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        byte[] k = Envelope.randomKey();
                        UUID u = UUID.randomUUID();
                        String sealed = Envelope.seal(k, u, "v" + i);
                        assertThrows(Envelope.SealedValueException.class, () -> Envelope.open(key, u, sealed));
                        if (!("v" + i).equals(Envelope.open(k, u, sealed))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.teto.data.core.internal.privacy;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlindIndexTest {
    private final BlindIndex index = new BlindIndex(Envelope.randomKey());

    @Test
    void emailIndexIsDeterministicAndCaseInsensitive() {
        String lookup = index.emailLookup("Min.Ji@Example.com");
        assertEquals(lookup, index.emailLookup(" min.ji@example.COM "));
        assertNotEquals(lookup, index.emailLookup("minji@example.com"));
        assertTrue(lookup.startsWith(BlindIndex.EMAIL_PREFIX));
        assertEquals(BlindIndex.EMAIL_PREFIX.length() + 43, lookup.length());
        assertTrue(lookup.substring(4).matches("[A-Za-z0-9_-]{43}"), "no '.' inside the index: the store splits on it");
    }

    @Test
    void anotherKeyGivesAnotherIndex() {
        assertNotEquals(index.emailLookup("a@b.co"), new BlindIndex(Envelope.randomKey()).emailLookup("a@b.co"));
    }

    @Test
    void pseudonymsNeverEqualTheIdOrAnEmailIndex() {
        UUID id = UUID.randomUUID();
        String pseudonym = index.pseudonym(id);
        assertEquals(pseudonym, index.pseudonym(id));
        assertTrue(!pseudonym.contains(id.toString()));
        assertNotEquals(index.emailLookup(id.toString()).substring(4), pseudonym);
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BlindIndex(new byte[16]));
    }

    /** Each thread reuses one Mac: the same input gives the same index on every thread, however often. */
    @Test
    void everyThreadGivesTheSameIndex() throws Exception {
        BlindIndex index = new BlindIndex(new byte[32]);
        String expected = index.emailLookup("mina@example.com");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int n = t;
                results.add(pool.submit(() -> {
                    index.emailLookup("other" + n + "@example.com");
                    return index.emailLookup("mina@example.com");
                }));
            }
            for (var result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

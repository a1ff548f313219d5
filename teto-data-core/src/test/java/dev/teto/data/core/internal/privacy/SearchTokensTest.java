package dev.teto.data.core.internal.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTokensTest {
    private final SearchTokens tokens = new SearchTokens(new BlindIndex(Envelope.randomKey()));

    @Test
    void eachWordOfANameBecomesOneTokenAndAQueryWordMatchesIt() {
        String doc = tokens.name("Mina Teto-Kim");
        String[] words = doc.split(" ");
        assertEquals(3, words.length);
        assertEquals(tokens.name("teto"), words[1], "a query word hashes to the document's token");
        assertFalse(doc.toLowerCase().contains("mina"));
        for (String w : words) {
            assertTrue(w.matches("t[0-9a-f]{20}"), "one alphanumeric word under any analyzer");
        }
    }

    @Test
    void emailTokensIgnoreCaseAndDifferFromNameTokens() {
        assertEquals(tokens.email("A@B.co"), tokens.email(" a@b.CO"));
        assertNotEquals(tokens.email("teto"), tokens.name("teto"));
    }

    @Test
    void plainTokensAndNullsPassThrough() {
        assertEquals("Mina", SearchTokens.PLAIN.name("Mina"));
        assertNull(tokens.name(null));
        assertEquals("", tokens.name("---"));
    }
}

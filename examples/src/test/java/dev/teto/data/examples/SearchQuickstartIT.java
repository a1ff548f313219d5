package dev.teto.data.examples;

import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search quickstart runs on the test PostgreSQL and Elasticsearch and finds its users. Fixtures made here, not by
 * {@code @TetoDataTest}: its TetoData would deliver the events in the background while the quickstart delivers them
 * on its own thread.
 */
class SearchQuickstartIT {

    @Test
    void findsTheUsersItCreatedAndAggregatesItsEvents() {
        try (TestDatabase db = TestDatabase.create("search_quickstart"); TestSearch search = TestSearch.create("search_quickstart")) {
            Map<String, String> settings = new LinkedHashMap<>(db.settings());
            settings.putAll(search.settings());
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int found = SearchQuickstart.run(settings, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            String out = buffer.toString(StandardCharsets.UTF_8);
            assertEquals(2, found, out);
            assertTrue(out.contains("with an active subscription: [Mina Teto]"), out);
            assertTrue(out.contains("top device types: [TermCount[value=mobile, count=22], TermCount[value=desktop, count=8]]"), out);
        }
    }
}

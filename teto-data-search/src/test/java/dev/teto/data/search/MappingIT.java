package dev.teto.data.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live mappings equal the seed's, each index sits behind its alias, and build() is idempotent. */
class MappingIT {

    @Test
    void liveMappingsEqualTheSeedsBehindVersionedAliases() throws Exception {
        TestSearch search = TestSearch.create("mapping");
        try {
            try (TetoData data = TetoData.builder().configure(search.settings()).build()) {
                assertTrue(data.health().status() != null);
            }
            // a second build finds the aliases and creates nothing
            try (TetoData again = TetoData.builder().configure(search.settings()).build()) {
                assertTrue(again.health().component("search").isPresent());
                for (SearchIndex index : SearchIndex.values()) {
                    String alias = search.indexPrefix() + index.alias();
                    JsonNode aliases = EsHttp.call(search.url(), "GET", "/_alias/" + alias, null);
                    assertEquals(1, aliases.size(), "one index behind " + alias);
                    assertEquals(alias + "_v1", aliases.fieldNames().next());
                    JsonNode live = EsHttp.call(search.url(), "GET", "/" + alias + "_v1/_mapping", null)
                            .get(alias + "_v1");
                    assertEquals(seed(index), live, "mapping of " + index.alias());
                }
            }
        } finally {
            search.close();
        }
    }

    private static JsonNode seed(SearchIndex index) throws Exception {
        try (InputStream in = MappingIT.class.getResourceAsStream("/seed/" + index.alias() + ".json")) {
            return EsHttp.JSON.readTree(in);
        }
    }
}

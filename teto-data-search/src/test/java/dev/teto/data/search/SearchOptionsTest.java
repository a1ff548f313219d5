package dev.teto.data.search;

import dev.teto.data.api.search.Refresh;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchOptionsTest {
    private final SearchStoreProvider provider = new SearchStoreProvider();

    @Test
    void flatSettingsBecomeOptions() {
        SearchOptions o = provider.optionsFrom(Map.of("urls", "http://a:9200, https://b:9243", "api-key", "c2VjcmV0",
                "index-prefix", "prod_", "socket-timeout", "PT5S", "connect-timeout", "1500", "bulk.max-documents", "200",
                "bulk.max-bytes", "65536", "replicas", "0", "projection-refresh", "wait_for"));
        assertEquals(List.of("http://a:9200", "https://b:9243"), o.urls());
        assertEquals("prod_", o.indexPrefix());
        assertEquals(Duration.ofSeconds(5), o.socketTimeout());
        assertEquals(Duration.ofMillis(1500), o.connectTimeout());
        assertEquals(200, o.bulkMaxDocuments());
        assertEquals(65536, o.bulkMaxBytes());
        assertEquals(0, o.numberOfReplicas());
        assertEquals(Refresh.WAIT_FOR, o.projectionRefresh());
        assertFalse(o.toString().contains("c2VjcmV0"));
    }

    @Test
    void errorsNameTheKeyNeverTheValue() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> provider.optionsFrom(Map.of("urls", "http://a:9200", "pasword", "hunter2")));
        assertTrue(unknown.getMessage().contains("search.pasword"));
        assertFalse(unknown.getMessage().contains("hunter2"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> provider.optionsFrom(Map.of("urls", "ftp://secret-host:21")));
        assertTrue(bad.getMessage().startsWith("search.urls"), bad.getMessage());
        assertFalse(bad.getMessage().contains("secret-host"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls", "http://a:9200",
                "username", "elastic"))).getMessage().contains("search.username"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls", "http://a:9200",
                "index-prefix", "Upper"))).getMessage().contains("search.index-prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls", "http://a:9200",
                "bulk.max-bytes", "12"))).getMessage().contains("search.bulk.max-bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of()))
                .getMessage().contains("search.urls"));
    }

    @Test
    void refreshShardsAndCertificateSettingsNameTheirKeys() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls", "http://a:9200",
                "projection-refresh", "true"))).getMessage().startsWith("search.projection-refresh "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls", "http://a:9200",
                "shards", "65"))).getMessage().startsWith("search.shards: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls", "http://a:9200",
                "tls.ca-certificate", "/etc/ca.pem"))).getMessage().startsWith("search.tls.ca-certificate: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls", " , ")))
                .getMessage().startsWith("search.urls"));
    }

    @Test
    void builderDefaults() {
        SearchOptions o = SearchOptions.builder().url("http://localhost:9200").build();
        assertEquals(SearchOptions.DEFAULT_BULK_MAX_DOCUMENTS, o.bulkMaxDocuments());
        assertEquals(SearchOptions.DEFAULT_SOCKET_TIMEOUT, o.socketTimeout());
        assertEquals("", o.indexPrefix());
        assertEquals(Refresh.NONE, o.projectionRefresh());
        assertThrows(IllegalArgumentException.class, () -> SearchOptions.builder().url("http://h:1").apiKey("k")
                .basicAuth("u", "p").build());
    }
}

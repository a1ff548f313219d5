package dev.teto.data.search.internal;

import dev.teto.data.search.SearchOptions;
import dev.teto.data.search.SearchStoreProvider;
import org.apache.http.Header;
import org.apache.http.auth.AuthScope;
import org.apache.http.client.CredentialsProvider;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS and auth options reach the HTTP client the REST client is built from. */
class EsConnectionTlsTest {
    private static final String SECRET = "s3cret-store-pw";

    @TempDir
    Path dir;

    /** What the connection's callback set on the HTTP client builder (its setters are final, so read back). */
    record Applied(SSLContext ssl, CredentialsProvider credentials) {
    }

    private static Applied applied(SearchOptions options) throws Exception {
        HttpAsyncClientBuilder http = HttpAsyncClientBuilder.create();
        EsConnection.httpConfig(options).customizeHttpClient(http);
        return new Applied((SSLContext) field(http, "sslcontext"), (CredentialsProvider) field(http, "credentialsProvider"));
    }

    private static Object field(HttpAsyncClientBuilder http, String name) throws Exception {
        Field f = HttpAsyncClientBuilder.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(http);
    }

    @Test
    void hostSslContextAndBasicAuthReachTheHttpClient() throws Exception {
        SSLContext mine = SSLContext.getInstance("TLS");
        mine.init(null, null, null);
        Applied http = applied(SearchOptions.builder().url("https://es:9200").sslContext(mine)
                .basicAuth("elastic", "pw").build());
        assertSame(mine, http.ssl);
        assertEquals("elastic", http.credentials.getCredentials(AuthScope.ANY).getUserPrincipal().getName());
    }

    @Test
    void plainHttpSetsNoSslContext() throws Exception {
        Applied http = applied(SearchOptions.builder().url("http://es:9200").build());
        assertNull(http.ssl);
        assertNull(http.credentials);
        assertEquals(0, EsConnection.defaultHeaders(SearchOptions.builder().url("http://es:9200").build()).length);
    }

    @Test
    void apiKeyBecomesTheAuthorizationHeader() {
        Header[] headers = EsConnection.defaultHeaders(SearchOptions.builder().url("https://es:9200").apiKey("a2V5").build());
        assertEquals(1, headers.length);
        assertEquals("ApiKey a2V5", headers[0].getValue());
    }

    @Test
    void truststoreFromSettingsBuildsTheContext() throws Exception {
        Path store = truststore(SECRET);
        SearchOptions options = new SearchStoreProvider().optionsFrom(Map.of("urls", "https://es:9200",
                "tls.truststore", store.toString(), "tls.truststore-password", SECRET));
        assertEquals(store, options.tlsTruststore());
        assertFalse(options.toString().contains(SECRET));
        assertNotNull(applied(options).ssl);
        assertNotNull(applied(options.toBuilder().tlsTruststore(null, null)
                .tlsCaCertificate(caPem()).build()).ssl);
    }

    @Test
    void wrongTruststorePasswordNamesTheSettingNotThePassword() throws Exception {
        Path store = truststore(SECRET);
        SearchOptions options = SearchOptions.builder().url("https://es:9200").tlsTruststore(store, "wrong-pw").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EsConnection.httpConfig(options));
        assertTrue(e.getMessage().startsWith("tlsTruststore "), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw"));
    }

    @Test
    void tlsSettingsNeedHttpsAndExcludeEachOther() throws Exception {
        SearchStoreProvider provider = new SearchStoreProvider();
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(
                Map.of("urls", "http://es:9200", "tls.truststore", "/etc/ts.p12", "tls.truststore-password", SECRET)));
        assertTrue(http.getMessage().startsWith("search.tls.truststore: "), http.getMessage());
        assertFalse(http.getMessage().contains(SECRET));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls",
                "https://es:9200", "tls.truststore", "/etc/ts.p12", "tls.ca-certificate", "/etc/ca.pem")))
                .getMessage().startsWith("search.tls.truststore: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.optionsFrom(Map.of("urls",
                "https://es:9200", "tls.truststore-password", SECRET))).getMessage().startsWith("search.tls.truststore: "));
    }

    private Path caPem() throws Exception {
        Path pem = dir.resolve("ca.pem");
        try (InputStream in = EsConnectionTlsTest.class.getResourceAsStream("/tls/test-ca.pem")) {
            Files.write(pem, in.readAllBytes());
        }
        return pem;
    }

    private Path truststore(String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = EsConnectionTlsTest.class.getResourceAsStream("/tls/test-ca.pem")) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }
}

package dev.teto.data.search.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.search.SearchOptions;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * One low-level REST client (connection pool, timeouts, auth, TLS) shared by the typed {@link ElasticsearchClient}
 * (searches, aggregations) and our own NDJSON bulk writer, which sizes each request by its bytes exactly.
 */
public final class EsConnection implements AutoCloseable {
    /** Raw calls use plain JSON, which both 8.x and 7.17 servers take and answer alike for what we send raw. */
    static final ContentType JSON = ContentType.APPLICATION_JSON;
    static final ContentType NDJSON = ContentType.create("application/x-ndjson", java.nio.charset.StandardCharsets.UTF_8);

    private final RestClient rest;
    private final ElasticsearchClient client;
    private final ObjectMapper json = new ObjectMapper();

    private EsConnection(RestClient rest) {
        this.rest = rest;
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(json)));
    }

    public static EsConnection open(SearchOptions options) {
        List<HttpHost> hosts = new ArrayList<>();
        for (String url : options.urls()) {
            URI uri = URI.create(url);
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 9200);
            hosts.add(new HttpHost(uri.getHost(), port, uri.getScheme()));
        }
        RestClientBuilder builder = RestClient.builder(hosts.toArray(HttpHost[]::new))
                .setRequestConfigCallback(rc -> rc
                        .setConnectTimeout((int) options.connectTimeout().toMillis())
                        .setConnectionRequestTimeout((int) options.connectTimeout().toMillis())
                        .setSocketTimeout((int) options.socketTimeout().toMillis()));
        builder.setDefaultHeaders(defaultHeaders(options));
        builder.setHttpClientConfigCallback(httpConfig(options));
        return new EsConnection(builder.build());
    }

    /** The API key, when set, as {@code Authorization: ApiKey ...} on every request. */
    static Header[] defaultHeaders(SearchOptions options) {
        List<Header> headers = new ArrayList<>();
        if (options.apiKey() != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + options.apiKey()));
        }
        return headers.toArray(Header[]::new);
    }

    /** Basic auth, TLS and the pool, as applied to the HTTP client (package-private: a unit test checks it). */
    static RestClientBuilder.HttpClientConfigCallback httpConfig(SearchOptions options) {
        SSLContext ssl = sslContext(options);
        return http -> {
            if (options.username() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(options.username(), options.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http.setMaxConnTotal(50).setMaxConnPerRoute(50);
        };
    }

    /** The host's context, else one trusting the trust store or the PEM CA certificates; null for the JVM's. */
    static SSLContext sslContext(SearchOptions options) {
        if (options.sslContext() != null) {
            return options.sslContext();
        }
        if (options.tlsTruststore() != null) {
            return trustStoreContext(options);
        }
        return options.tlsCaCertificate() == null ? null : caCertificateContext(options);
    }

    private static SSLContext caCertificateContext(SearchOptions options) {
        try (InputStream in = Files.newInputStream(options.tlsCaCertificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
            return trusting(trust);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("tlsCaCertificate could not be read as PEM certificates ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The type (PKCS12, JKS) is detected from the file; a wrong password is an error naming the setting only. */
    private static SSLContext trustStoreContext(SearchOptions options) {
        String password = options.tlsTruststorePassword();
        try {
            KeyStore trust = KeyStore.getInstance(options.tlsTruststore().toFile(),
                    password == null ? null : password.toCharArray());
            return trusting(trust);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("tlsTruststore could not be read with its password ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static SSLContext trusting(KeyStore trust) throws java.security.GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    public ElasticsearchClient client() {
        return client;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A raw request; a status of 404 answers null, any other error status throws. */
    JsonNode raw(String method, String path, byte[] body, ContentType type) throws IOException {
        return raw(method, path, body, type, null);
    }

    /** As {@link #raw(String, String, byte[], ContentType)}, bounded by {@code timeout} instead of the options'. */
    JsonNode raw(String method, String path, byte[] body, ContentType type, java.time.Duration timeout) throws IOException {
        Request request = new Request(method, path);
        if (timeout != null) {
            int ms = (int) timeout.toMillis();
            request.setOptions(request.getOptions().toBuilder().setRequestConfig(org.apache.http.client.config.RequestConfig
                    .custom().setConnectTimeout(ms).setSocketTimeout(ms).setConnectionRequestTimeout(ms).build()));
        }
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, type));
        }
        try {
            Response response = rest.performRequest(request);
            if (response.getEntity() == null) {
                return json.nullNode();
            }
            try (InputStream in = response.getEntity().getContent()) {
                return json.readTree(in);
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404) {
                return null;
            }
            String errorType = "unknown";
            try (InputStream in = e.getResponse().getEntity().getContent()) {
                errorType = json.readTree(in).path("error").path("type").asText("unknown");
            } catch (IOException | RuntimeException ignored) {
                // the status alone will do
            }
            throw new StatusException(status, errorType);
        }
    }

    /** An error status with Elasticsearch's error type, and nothing else of its body. */
    static final class StatusException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;

        StatusException(int status, String type) {
            super(status + " " + type);
            this.status = status;
            this.type = type;
        }
    }

    /** HEAD: whether an index or alias of that name exists. */
    boolean exists(String path) throws IOException {
        return rest.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode() == 200;
    }

    JsonNode rawJson(String method, String path, Object body) throws IOException {
        return raw(method, path, body == null ? null : json.writeValueAsBytes(body), JSON);
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(EsConnection.class).debug("closing the Elasticsearch client", e);
        }
    }
}

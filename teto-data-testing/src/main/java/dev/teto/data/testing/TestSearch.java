package dev.teto.data.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch fixture a {@link TetoDataTest} class gets: an index prefix of its own on the shared server
 * ({@link SearchServers}), the builder settings that point at it ({@code search.urls}, {@code search.index-prefix},
 * one shard and no replica, and projections that wait until searchable), and the indexes deleted afterwards.
 * {@link #stopServer()} and {@link #startServer()} take the embedded node down and up again, keeping its data.
 */
public final class TestSearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestSearch.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SearchServers.SearchServer server;
    private final String prefix;

    private TestSearch(SearchServers.SearchServer server, String prefix) {
        this.server = server;
        this.prefix = prefix;
    }

    static TestStore.StoreFixture open(String nameHint) {
        TestSearch search = create(nameHint);
        return new TestStore.StoreFixture(search, search.settings(), search);
    }

    /** A fresh prefix on the shared server, for tests that build their own {@code TetoData}. */
    public static TestSearch create(String nameHint) {
        String hint = nameHint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        hint = hint.isEmpty() ? "t" : hint.substring(0, Math.min(20, hint.length()));
        String prefix = "t" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36) + "_" + hint + "_";
        return new TestSearch(SearchServers.shared(), prefix);
    }

    /** {@code search.*} settings for {@code TetoData.builder().configure(...)}. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("search.urls", server.url());
        s.put("search.index-prefix", prefix);
        s.put("search.replicas", "0");
        s.put("search.projection-refresh", "wait_for");
        s.put("search.connect-timeout", "PT2S");
        s.put("search.socket-timeout", "PT20S");
        return s;
    }

    public String url() {
        return server.url();
    }

    public String indexPrefix() {
        return prefix;
    }

    public SearchServers.SearchServer server() {
        return server;
    }

    /** Stops the embedded node (data kept); calls fail as if search were down. */
    public void stopServer() {
        server.stop();
    }

    public void startServer() {
        server.start();
    }

    /** Deletes this class's indexes. */
    @Override
    public void close() {
        if (server.restartable()) {
            server.start();
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(server.url() + "/" + prefix + "*?expand_wildcards=all")
                    .toURL().openConnection();
            c.setRequestMethod("DELETE");
            c.setConnectTimeout(5000);
            c.setReadTimeout(30000);
            try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete test indexes {}*: {}", prefix, e.toString());
        }
    }

    @Override
    public String toString() {
        return "TestSearch[" + server.kind() + " " + server.url() + " prefix=" + prefix + "]";
    }
}

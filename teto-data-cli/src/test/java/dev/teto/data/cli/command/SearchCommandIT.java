package dev.teto.data.cli.command;

import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.cli.CliRun;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code search reconcile|reindex} against an embedded Elasticsearch, checked in the index itself over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newHttpClient();

    private TestDatabase db;
    private TestSearch search;
    private TetoData service;
    private Path dir;
    private Path config;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("cli_search");
        db = TestDatabase.create("cli_search");
        search = TestSearch.create("cli_search");
        Map<String, String> settings = new LinkedHashMap<>(db.settings());
        settings.putAll(search.settings());
        config = CliRun.configFile(dir, settings);
        service = TetoData.builder().configure(settings)
                .dispatcher(DispatcherOptions.builder().pollInterval(Duration.ofMillis(100))
                        .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).maxAttempts(1000).build())
                .build();
    }

    @AfterAll
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        search.close();
        db.close();
        Files.deleteIfExists(dir.resolve("teto.properties"));
        Files.deleteIfExists(dir);
    }

    @Test
    void reconcileRepairsADeletedDocumentAndReindexSwapsTheAlias() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            User user = service.users().create(NewUser.of("cli-search" + i + "@example.com", "Search Cli " + i));
            ids.add(user.id().toString());
        }
        await(() -> service.get(UserIndex.class).fetch(ids).size() == 3);
        String alias = "/" + search.indexPrefix() + "user_search";
        String gone = ids.get(1);
        assertEquals(200, call("DELETE", alias + "/_doc/" + gone + "?refresh=true").statusCode());
        assertEquals(404, call("GET", alias + "/_doc/" + gone).statusCode());

        CliRun.Result reconcile = CliRun.run(config, "search", "reconcile", "user_search");
        assertEquals(ExitCodes.OK, reconcile.exitCode(), reconcile.toString());
        assertTrue(reconcile.out().contains("missing 1"), reconcile.toString());
        assertTrue(reconcile.out().contains(gone), "the sample names the id: " + reconcile);
        assertTrue(reconcile.err().contains("reconcile user_search scan-source"), "plain progress: " + reconcile);
        assertEquals(200, call("GET", alias + "/_doc/" + gone).statusCode(), "written back");

        CliRun.Result reindex = CliRun.run(config, "search", "reindex", "user_search");
        assertEquals(ExitCodes.OK, reindex.exitCode(), reindex.toString());
        String aliases = call("GET", "/_alias" + alias).body();
        assertTrue(aliases.contains(search.indexPrefix() + "user_search_v2"), aliases);
        assertTrue(reindex.out().contains("user_search_v2"), reindex.toString());
        for (String id : ids) {
            assertEquals(200, call("GET", alias + "/_doc/" + id).statusCode(), "in the new index: " + id);
        }

        CliRun.Result noSource = CliRun.run(config, "search", "reconcile", "analytics_events");
        assertEquals(ExitCodes.FAILURE, noSource.exitCode(), noSource.toString());
    }

    private HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(search.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + WAIT);
            }
            Thread.sleep(100);
        }
    }
}

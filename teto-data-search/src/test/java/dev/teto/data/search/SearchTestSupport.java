package dev.teto.data.search;

import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A TetoData over a test schema and a test index prefix, with event delivery the test drives or a fast one. */
final class SearchTestSupport {
    private SearchTestSupport() {
    }

    static Map<String, String> settings(TestDatabase db, TestSearch search) {
        Map<String, String> all = new LinkedHashMap<>(db.settings());
        all.putAll(search.settings());
        return all;
    }

    /** Delivery only when the test calls {@code data.events().drain()}. */
    static TetoData manual(TestDatabase db, TestSearch search) {
        return TetoData.builder().configure(settings(db, search))
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
    }

    /** A running dispatcher that retries quickly and never parks within a test's time. */
    static TetoData running(TestDatabase db, TestSearch search, Map<String, String> overrides) {
        Map<String, String> settings = settings(db, search);
        settings.putAll(overrides);
        return TetoData.builder().configure(settings)
                .dispatcher(DispatcherOptions.builder().pollInterval(Duration.ofMillis(100))
                        .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).maxAttempts(1000)
                        .handlerTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    /** A name as {@code user_search} holds it under the database's blind-index key: keyed word tokens. */
    static String indexedName(dev.teto.data.testing.TestDatabase db, String name) {
        byte[] key = java.util.Base64.getDecoder().decode(db.settings().get("privacy.blind-index-key"));
        return new dev.teto.data.core.internal.privacy.SearchTokens(
                new dev.teto.data.core.internal.privacy.BlindIndex(key)).name(name);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}

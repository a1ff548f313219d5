package dev.teto.data.examples;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.AnalyticsEvent;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.Device;
import dev.teto.data.api.search.DeviceField;
import dev.teto.data.api.search.GeoPoint;
import dev.teto.data.api.search.Interval;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.search.TypeCounts;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserQuery;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Search and analytics on embedded defaults: PostgreSQL and Elasticsearch from {@code teto-data-testing}
 * ({@code TETO_PG_URL} / {@code TETO_ES_URL} if set, else Testcontainers if Docker answers, else embedded: a
 * PostgreSQL 15 and an in-JVM Elasticsearch 7.17 node, which the 8.x client talks to in compatibility mode).
 * Creates users, lets the outbox project them into {@code user_search}, finds them, records analytics events and
 * prints the seed's aggregations.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java -Dexample.main=dev.teto.data.examples.SearchQuickstart}
 */
public final class SearchQuickstart {

    private SearchQuickstart() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status = 0;
        try (TestDatabase db = TestDatabase.create("search_quickstart")) {
            TestSearch search = TestSearch.create("search_quickstart");
            try {
                out.printf("Search quickstart: PostgreSQL %s, Elasticsearch %s%n", db.server().kind(), search.server().kind());
                Map<String, String> settings = new LinkedHashMap<>(db.settings());
                settings.putAll(search.settings());
                run(settings, out);
            } finally {
                search.close();
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        out.flush();
        System.exit(status);
    }

    /** The flow; returns how many users the name search found. */
    public static int run(Map<String, String> settings, PrintStream out) {
        // Delivery on this thread (drain) with projection-refresh=wait_for: a search right after drain() sees it.
        try (TetoData data = TetoData.builder().configure(settings)
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            User mina = data.users().create(NewUser.of("mina-" + tag + "@example.com", "Mina Teto"));
            data.users().create(NewUser.of("jun-" + tag + "@example.com", "Jun Teto"));
            data.users().create(NewUser.of("seo-" + tag + "@example.com", "Seo Egen"));
            data.subscriptions().create(NewSubscription.of(mina.id(), "premium", Instant.now(), null));
            int delivered = data.events().drain();
            out.printf("1) Users: 3 created, %d events projected into user_search%n", delivered);

            List<UserDocument> tetos = data.get(UserSearch.class).find(UserQuery.byName("teto"), PageRequest.first(10)).items();
            // The index holds keyed word tokens, not names: the names come from PostgreSQL, where they are sealed.
            out.printf("2) Search \"teto\": %s%n", names(data, tetos));
            List<UserDocument> premium = data.get(UserSearch.class)
                    .find(UserQuery.byName("teto").withSubscriptionStatus("active"), PageRequest.first(10)).items();
            out.printf("   with an active subscription: %s%n", names(data, premium));

            AnalyticsEvents analytics = data.get(AnalyticsEvents.class);
            Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS);
            List<AnalyticsEvent> events = new ArrayList<>();
            String[] types = {"page_view", "test_started", "test_completed"};
            for (int i = 0; i < 30; i++) {
                events.add(AnalyticsEvent.of(types[i % 3], mina.id(), day.plus(i, ChronoUnit.HOURS).minus(Duration.ofDays(1)),
                        Map.of("step", i)).withDevice(new Device(i % 4 == 0 ? "desktop" : "mobile", "iOS", "Safari"))
                        .withLocation(new GeoPoint(37.5665, 126.9780)));
            }
            analytics.recordAll(events, Refresh.WAIT_FOR);
            TimeRange range = TimeRange.of(day.minus(Duration.ofDays(1)), day.plus(Duration.ofDays(1)));
            out.println("3) Analytics events: 30 recorded");
            for (TypeCounts bucket : analytics.countsByType(range, Interval.DAY)) {
                out.printf("   %s: %d %s%n", bucket.start(), bucket.total(), bucket.byType());
            }
            out.printf("   top device types: %s%n", analytics.top(DeviceField.TYPE, range, 3));
            out.printf("   unique users per day: %s%n", analytics.uniqueUsers(range, Interval.DAY));
            return tetos.size();
        }
    }

    private static List<String> names(TetoData data, List<UserDocument> found) {
        return found.stream().map(d -> data.users().findById(d.userId()).map(User::name).orElse("?")).sorted().toList();
    }
}

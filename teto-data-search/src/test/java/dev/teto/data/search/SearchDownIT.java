package dev.teto.data.search;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserQuery;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Search stopped mid-test: user writes still succeed, health shows it, and the documents arrive once it is back. */
@TetoDataTest(stores = {TestStore.POSTGRES, TestStore.SEARCH})
class SearchDownIT {

    @Test
    void userWritesSucceedWhileSearchIsDownAndArriveAfter(TestDatabase db, TestSearch search) throws Exception {
        Assumptions.assumeTrue(search.server().restartable(),
                "needs the embedded node: an external server or a container is not stopped by tests");
        try (TetoData data = SearchTestSupport.running(db, search, Map.of("search.socket-timeout", "PT3S"))) {
            User before = data.users().create(NewUser.of("down-before@example.com", "Before Outage"));
            SearchTestSupport.await("the first user is searchable", Duration.ofSeconds(30),
                    () -> found(data, "outage").size() == 1);

            search.stopServer();
            try {
                User during = data.users().create(NewUser.of("down-during@example.com", "During Outage"));
                data.users().update(before.id(), UserUpdate.none().withName("Renamed Outage"));
                assertEquals("During Outage", data.users().findById(during.id()).orElseThrow().name());
                TransientDataException down = assertThrows(TransientDataException.class,
                        () -> data.get(UserSearch.class).find(UserQuery.byName("outage"), PageRequest.first(10)));
                assertEquals(TransientDataException.Reason.UNAVAILABLE, down.reason());
                SearchTestSupport.await("health shows search down and the projection behind", Duration.ofSeconds(30), () -> {
                    var health = data.health();
                    return health.component("search").orElseThrow().status() == HealthStatus.DOWN
                            && health.component("search-projection").orElseThrow().status() == HealthStatus.DEGRADED;
                });
            } finally {
                search.startServer();
            }
            SearchTestSupport.await("both users' latest state arrived", Duration.ofSeconds(60), () -> {
                try {
                    // results carry no names (the index holds tokens): the names come from PostgreSQL
                    List<String> names = found(data, "outage").stream()
                            .map(d -> data.users().findById(d.userId()).orElseThrow().name()).sorted().toList();
                    return names.equals(List.of("During Outage", "Renamed Outage"));
                } catch (TransientDataException stillRecovering) {
                    return false;
                }
            });
            SearchTestSupport.await("health is up again", Duration.ofSeconds(90),
                    () -> data.health().component("search-projection").orElseThrow().status() == HealthStatus.UP);
        }
    }

    private static List<UserDocument> found(TetoData data, String text) {
        return data.get(UserSearch.class).find(UserQuery.byName(text), PageRequest.first(10)).items();
    }
}

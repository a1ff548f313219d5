package dev.teto.data.kafka;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.Rescoring;
import dev.teto.data.api.search.UserQuery;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A re-score moves every follower of profiles: the {@code cohort_analytics} counts (MongoDB, through the Kafka
 * processors), the user documents' type (Elasticsearch, through the dispatcher) and the cached latest profile.
 */
class RescoreFollowersIT {

    @Test
    void cohortsSearchAndCacheFollowARescore() throws Exception {
        try (TestDatabase db = TestDatabase.create("rescore"); TestKafka kafka = TestKafka.create("rescore");
                TestMongo mongo = TestMongo.create("rescore"); TestSearch search = TestSearch.create("rescore");
                TetoData data = TetoData.builder().configure(db.settings()).configure(kafka.settings())
                        .configure(mongo.settings()).configure(search.settings()).profileScorer(Takers.scorer())
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
                Processors processors = Processors.create(data, ProcessorOptions.DEFAULTS)) {
            String version = Takers.version();
            List<Question> questions = Takers.questions(data, version, 4);
            User first = Takers.user(data);
            User second = Takers.user(data);
            Takers.complete(data, first.id(), version, questions, 1);
            Takers.complete(data, second.id(), version, questions, 2);
            data.events().drain();
            processors.drain();
            Map<String, Integer> before = cohortUsers(data);
            assertEquals(2, before.values().stream().mapToInt(Integer::intValue).sum());
            String firstType = data.profiles().findLatestByUser(first.id()).orElseThrow().personalityType();

            assertEquals(Map.of("TETO", 0, "EGEN", 2), before, "Takers.scorer: both answer sums are even");
            ProfileScorer allTeto = ProfileScorer.named("all-teto", "2",
                    input -> ProfileDraft.of("TETO", "Teto", Map.of("items", input.items().size())));
            assertEquals(2, data.get(Rescoring.class).rescore(allTeto).rescored());
            data.events().drain();
            processors.drain();
            processors.drain();

            assertEquals(Map.of("TETO", 2, "EGEN", 0), cohortUsers(data), "both moved to TETO");
            assertEquals("TETO", data.profiles().findLatestByUser(first.id()).orElseThrow().personalityType(),
                    "cached latest profile (was " + firstType + ") invalidated");
            // A second re-score moves them back within the completion's month, not the first re-score's.
            ProfileScorer allEgen = ProfileScorer.named("all-egen", "3",
                    input -> ProfileDraft.of("EGEN", "Egen", Map.of("items", input.items().size())));
            assertEquals(2, data.get(Rescoring.class).rescore(allEgen).rescored());
            data.events().drain();
            processors.drain();
            processors.drain();
            assertEquals(Map.of("TETO", 0, "EGEN", 2), cohortUsers(data), "both moved back to EGEN");
            ProfileScorer backToTeto = ProfileScorer.named("all-teto", "4",
                    input -> ProfileDraft.of("TETO", "Teto", Map.of("items", input.items().size())));
            assertEquals(2, data.get(Rescoring.class).rescore(backToTeto).rescored());
            data.events().drain();
            processors.drain();
            processors.drain();
            assertEquals(Map.of("TETO", 2, "EGEN", 0), cohortUsers(data), "and to TETO again");
            UserSearch users = data.get(UserSearch.class);
            Takers.await(Duration.ofSeconds(30), () -> users.find(UserQuery.all().withPersonalityType("TETO"),
                    PageRequest.first(10)).items().size() == 2, "both user documents say TETO");
        }
    }

    private static Map<String, Integer> cohortUsers(TetoData data) {
        CohortAnalyticsRepository cohorts = data.get(CohortAnalyticsRepository.class);
        Instant now = Instant.now();
        TimeRange around = TimeRange.of(now.minus(40, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String type : List.of("TETO", "EGEN")) {
            int users = 0;
            for (CohortAnalytics c : cohorts.series("personality_type", type, around, PageRequest.first(10)).items()) {
                users += c.metrics().userCount();
            }
            counts.put(type, users);
        }
        return counts;
    }
}

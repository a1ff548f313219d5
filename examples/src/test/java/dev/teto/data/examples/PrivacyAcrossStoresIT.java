package dev.teto.data.examples;

import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.FeedbackType;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewFeedback;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.privacy.ErasureReceipt;
import dev.teto.data.api.privacy.ErasureState;
import dev.teto.data.api.privacy.PersonalDataExport;
import dev.teto.data.core.KeyProviders;
import dev.teto.data.core.PrivacyOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestRedis;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A person takes the test and leaves data in every store; then they are erased, and a raw scan of every store, read
 * with its own driver, must find nothing of them. PostgreSQL, MongoDB, Redis, Elasticsearch and Kafka all run for
 * real (embedded), none mocked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyAcrossStoresIT {
    private static final String VERSION = "privacy-v1";

    private TestDatabase db;
    private TestRedis redis;
    private TestMongo mongo;
    private TestSearch search;
    private TestKafka kafka;
    private TetoData data;

    @BeforeAll
    void start() {
        db = TestDatabase.create("privacy_stores");
        redis = TestRedis.create("privacy_stores");
        mongo = TestMongo.create("privacy_stores");
        search = TestSearch.create("privacy_stores");
        kafka = TestKafka.create("privacy_stores");
        Map<String, String> settings = new LinkedHashMap<>(db.settings());
        settings.putAll(redis.settings());
        settings.putAll(mongo.settings());
        settings.putAll(search.settings());
        settings.putAll(kafka.settings());
        data = TetoData.builder().configure(settings).keys(KeyProviders.random())
                .privacy(PrivacyOptions.DEFAULTS.withErasureRetryEvery(Duration.ZERO))
                .dispatcher(dev.teto.data.core.DispatcherOptions.builder().enabled(false).build())
                .profileScorer(in -> ProfileDraft.of("TETO", "Teto", Map.of("items", in.items().size())))
                .build();
        data.questions().createAll(List.of(
                NewQuestion.likert(VERSION, 1, "energy", null, "I lead."),
                NewQuestion.likert(VERSION, 2, "energy", null, "I plan."),
                new NewQuestion("Describe yourself.", "open", null, 3, Question.TEXT, null, VERSION, true)));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {data, kafka, search, mongo, redis, db}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort: every fixture cleans up its own
            }
        }
    }

    /** The person's traces: every string a scan must not find after erasure. */
    private record Person(User user, String email, String name, String freeText, String agent, String feedback,
                          String comment) {
        List<String> traces() {
            return List.of(email, name, freeText, agent, feedback, comment, user.id().toString());
        }
    }

    private Person takeTheTest(String tag) {
        String email = "erase-me-" + tag + "@example.com";
        String name = "Erasable Person " + tag;
        Person p = new Person(data.users().create(NewUser.of(email, name)), email, name, "my secret self " + tag,
                "AgentMarker/" + tag, "feedback marker " + tag, "comment marker " + tag);
        UUID id = p.user().id();
        data.sessions().create(new NewUserSession(id, "tok-" + tag, null, "10.0.0.1", p.agent(),
                Instant.now().plus(Duration.ofHours(1))));
        data.activities().record(new NewUserActivity(id, "login", Map.of(), "10.0.0.1", p.agent(), null, null));
        Assessment a = data.assessmentFlow().start(id, VERSION);
        List<Question> qs = data.questions().listActive(VERSION, dev.teto.data.api.paging.PageRequest.first(10)).items();
        for (Question q : qs) {
            data.assessmentFlow().answer(a.id(), Question.TEXT.equals(q.questionType())
                    ? new AnswerInput(q.id(), null, null, p.freeText(), 900) : AnswerInput.likert(q.id(), 4, 900));
        }
        data.assessmentFlow().complete(a.id());
        data.profiles().findLatestByUser(id);
        data.get(dev.teto.data.api.content.FeedbackRepository.class)
                .submit(NewFeedback.of(id, a.id(), FeedbackType.RESULTS_ACCURACY, 5, p.feedback()));
        var posts = data.get(dev.teto.data.api.content.CommunityPostRepository.class);
        CommunityPost own = posts.create(NewCommunityPost.of(id, "TETO", "My result " + tag, "post body " + tag, List.of("t")));
        posts.addComment(own.id(), new NewComment(id, p.comment()));
        data.events().drain();
        return p;
    }

    @Test
    void sealedAtRestThenGoneFromEveryStoreAfterErasure() throws Exception {
        Person p = takeTheTest(UUID.randomUUID().toString().substring(0, 8));
        Person other = takeTheTest(UUID.randomUUID().toString().substring(0, 8));

        String pg = RawScan.postgres(db);
        for (String plain : List.of(p.name(), p.email(), p.freeText(), p.agent())) {
            assertFalse(pg.contains(plain), "PostgreSQL holds a sealed field in plaintext");
        }
        assertFalse(RawScan.mongo(mongo).contains(p.feedback()), "feedback text is sealed in MongoDB");
        assertEquals(p.name(), data.users().findById(p.user().id()).orElseThrow().name(), "the SDK opens it again");

        PersonalDataExport export = data.privacy().export(p.user().id());
        for (String trace : List.of(p.name(), p.email(), p.freeText(), p.agent(), p.feedback(), p.comment())) {
            assertTrue(export.json().contains(trace), "the export holds, decrypted, every trace");
        }
        assertFalse(export.json().contains(other.name()), "and nothing of anyone else");

        ErasureReceipt receipt = data.privacy().erase(p.user().id());
        for (String store : List.of("keys", "postgres", "mongo", "redis", "search", "kafka")) {
            assertEquals(ErasureState.DONE, receipt.store(store).orElseThrow().state(), store);
        }
        // user.erased must reach the handlers before the outbox may forget it: pending until delivered.
        assertEquals(ErasureState.PENDING, receipt.store("outbox").orElseThrow().state(), receipt.toString());
        assertFalse(receipt.complete());
        data.events().drain();
        assertEquals(1, data.privacy().resumeErasures());
        receipt = data.privacy().erasure(p.user().id()).orElseThrow();
        assertTrue(receipt.complete(), receipt.toString());

        assertNoTrace("PostgreSQL", RawScan.postgres(db), p.traces());
        assertNoTrace("MongoDB", RawScan.mongo(mongo), p.traces());
        assertNoTrace("Redis", RawScan.redis(redis), p.traces());
        assertNoTrace("Elasticsearch", RawScan.search(search), p.traces());
        String topics = String.join("\n", RawScan.kafka(kafka));
        assertNoTrace("Kafka", topics, List.of(p.email(), p.name(), p.freeText(), p.agent(), p.feedback(), p.comment()));
        assertTrue(RawScan.postgres(db).contains(other.user().id().toString()), "the other person is untouched");
        assertEquals(other.name(), data.users().findById(other.user().id()).orElseThrow().name());
        assertThrows(NotFoundException.class, () -> data.privacy().export(p.user().id()));
        assertEquals(receipt.subject(), data.privacy().erase(p.user().id()).subject(), "erasing again is the same job");
    }

    @Test
    void anErasureWithMongoDbDownStaysPendingUntilALaterRunCompletesIt() throws Exception {
        assumeTrue(mongo.server().canRestart(), "needs the embedded MongoDB stand-in, which a test can stop");
        Person p = takeTheTest(UUID.randomUUID().toString().substring(0, 8));
        mongo.server().stop();
        ErasureReceipt receipt;
        try {
            receipt = data.privacy().erase(p.user().id());
        } finally {
            mongo.server().restart();
        }
        assertEquals(ErasureState.PENDING, receipt.store("mongo").orElseThrow().state(), receipt.toString());
        assertEquals(ErasureState.DONE, receipt.store("postgres").orElseThrow().state());
        assertEquals(ErasureState.DONE, receipt.store("keys").orElseThrow().state(), "the key goes first, whatever fails");
        assertFalse(receipt.complete());
        assertThrows(NotFoundException.class, () -> data.users().findById(p.user().id()).orElseThrow(
                () -> new NotFoundException(dev.teto.data.api.error.Entities.USER, p.user().id())));

        data.events().drain();
        assertEquals(1, data.privacy().resumeErasures());
        ErasureReceipt done = data.privacy().erasure(p.user().id()).orElseThrow();
        assertTrue(done.complete(), done.toString());
        assertEquals(ErasureState.DONE, done.store("mongo").orElseThrow().state());
        assertNoTrace("MongoDB", RawScan.mongo(mongo), p.traces());
    }

    private static void assertNoTrace(String store, String contents, List<String> traces) {
        for (int i = 0; i < traces.size(); i++) {
            String trace = traces.get(i);
            String where = contents.lines().filter(line -> line.contains(trace))
                    .map(line -> line.substring(0, Math.min(40, line.indexOf(trace) < 0 ? 0 : line.indexOf(trace))))
                    .findFirst().orElse(null);
            assertNull(where, store + " still holds trace #" + i + " of the erased person, in: " + where);
        }
    }
}

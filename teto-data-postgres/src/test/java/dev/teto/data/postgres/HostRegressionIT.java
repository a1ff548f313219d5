package dev.teto.data.postgres;

import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.email;
import static dev.teto.data.postgres.Fixtures.likertQuestions;
import static dev.teto.data.postgres.Fixtures.messages;
import static dev.teto.data.postgres.Fixtures.user;
import static dev.teto.data.postgres.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per bug a host service hit on the first foundation (issue "Store composition", bugs 1 to 10 and 12;
 * bug 11, the frozen server, is {@link TimeoutIT}). Each fails on that code and passes now.
 */
@TetoDataTest(scorer = SumScorer.class)
class HostRegressionIT {

    @Test
    void bug01_aCaughtDuplicateNoLongerDropsTheTransactionsEarlierWrites(TetoData data, TestDatabase db) {
        User existing = user(data);
        String first = email();
        String second = email();
        data.useTransaction(tx -> {
            tx.users().create(NewUser.of(first, "Before"));
            assertThrows(DuplicateException.class, () -> tx.users().create(NewUser.of(existing.email(), "Dup")));
            tx.users().create(NewUser.of(second, "After"));   // catch and continue
        });
        assertTrue(data.users().findByEmail(first).isPresent(), "the write before the caught error committed");
        assertTrue(data.users().findByEmail(second).isPresent(), "the write after it committed");

        String kept = email();
        String outcome = data.inTransaction(tx -> {
            tx.users().create(NewUser.of(kept, "Kept"));
            try {
                tx.users().create(NewUser.of(existing.email(), "Dup"));
                return "created";
            } catch (DuplicateException e) {
                return "existing";                               // catch and return
            }
        });
        assertEquals("existing", outcome);
        assertTrue(data.users().findByEmail(kept).isPresent());
    }

    @Test
    void bug02_aQuestionAddedAfterStartNeitherTakesAnAnswerNorStandsInForAMissingOne(TetoData data) {
        String version = version();
        List<Question> original = likertQuestions(data, version, 3);
        Assessment a = data.assessmentFlow().start(user(data).id(), version);
        Question added = data.questions().create(NewQuestion.likert(version, 4, "cat", "sub", "Added later"));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(original.get(0).id(), 3));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(original.get(1).id(), 3));
        ValidationException e = assertThrows(ValidationException.class,
                () -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(added.id(), 3)));
        assertEquals("questionId", e.field());
        assertThrows(ConflictException.class, () -> data.assessmentFlow().complete(a.id()));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(original.get(2).id(), 3));
        assertEquals(a.id(), data.assessmentFlow().complete(a.id()).assessmentId());
    }

    @Test
    void bug03_aCompletedAssessmentsStatusCannotChange(TetoData data) {
        String version = version();
        List<Question> qs = likertQuestions(data, version, 2);
        Assessment a = data.assessmentFlow().start(user(data).id(), version);
        qs.forEach(q -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 4)));
        data.assessmentFlow().complete(a.id());
        assertThrows(ConflictException.class,
                () -> data.assessments().update(a.id(), new AssessmentUpdate(Assessment.IN_PROGRESS, null)));
        assertThrows(ConflictException.class,
                () -> data.assessments().update(a.id(), new AssessmentUpdate(Assessment.ABANDONED, null)));
        assertEquals(Assessment.COMPLETED, data.assessments().findById(a.id()).orElseThrow().status());
        assertTrue(data.profiles().findByAssessment(a.id()).isPresent());
        data.assessments().update(a.id(), new AssessmentUpdate(null, Map.of("note", "metadata may still change")));
    }

    @Test
    void bug04_aSoftDeletedUserCanDoNothingAndTheirSessionsStopValidating(TetoData data, TestDatabase db) {
        String version = version();
        List<Question> qs = likertQuestions(data, version, 2);
        User mina = user(data);
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
        UserSession session = data.sessions().create(new NewUserSession(mina.id(), "hash-" + UUID.randomUUID(), null, null, null, later));
        Assessment a = data.assessmentFlow().start(mina.id(), version);
        assertTrue(data.sessions().findLiveByTokenHash(session.tokenHash(), Instant.now()).isPresent());

        data.users().softDelete(mina.id());

        assertFalse(data.sessions().findLiveByTokenHash(session.tokenHash(), Instant.now()).isPresent());
        assertFalse(data.sessions().findByTokenHash(session.tokenHash()).orElseThrow().isLive(Instant.now()),
                "the delete revoked the session in the same transaction");
        assertEquals(0, data.sessions().listLive(mina.id(), PageRequest.first(10)).items().size());
        assertUserGone(() -> data.sessions().create(new NewUserSession(mina.id(), "h2-" + UUID.randomUUID(), null, null, null, later)));
        assertUserGone(() -> data.activities().record(NewUserActivity.of(mina.id(), "login", null)));
        assertUserGone(() -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(qs.get(0).id(), 3)));
        assertUserGone(() -> data.assessmentFlow().start(mina.id(), version));
        assertUserGone(() -> data.subscriptions().create(NewSubscription.of(mina.id(), "premium", Instant.now(), null)));
        assertUserGone(() -> data.users().update(mina.id(), UserUpdate.none().withName("Back")));
        assertEquals(0, db.count("SELECT count(*) FROM answers WHERE user_id = ?", mina.id()));
        assertEquals(0, db.count("SELECT count(*) FROM user_activities WHERE user_id = ?", mina.id()));
    }

    @Test
    void bug05_nulCharactersAndOutOfRangeInstantsAreValidationErrorsNamingTheField(TetoData data, TestDatabase db) {
        long users = db.count("users");
        ValidationException nulName = assertThrows(ValidationException.class,
                () -> data.users().create(NewUser.of(email(), "Mi\u0000na")));
        assertEquals("name", nulName.field());
        ValidationException nulJson = assertThrows(ValidationException.class,
                () -> data.users().create(NewUser.of(email(), "Mina").withPreferences(Map.of("theme", "da\u0000rk"))));
        assertEquals("preferences.theme", nulJson.field());
        ValidationException nulLookup = assertThrows(ValidationException.class,
                () -> data.users().findByEmail("a\u0000@b.co"));
        assertEquals("email", nulLookup.field());
        assertEquals(users, db.count("users"));
        User u = user(data);
        ValidationException max = assertThrows(ValidationException.class,
                () -> data.subscriptions().create(NewSubscription.of(u.id(), "premium", Instant.MAX, null)));
        assertEquals("startDate", max.field());
        ValidationException ancient = assertThrows(ValidationException.class,
                () -> data.subscriptions().listActive(Instant.parse("-5000-01-01T00:00:00Z"), PageRequest.first(5)));
        assertEquals("now", ancient.field());
    }

    @Test
    void bug06_aNullInputIsAValidationErrorNotANullPointerException(TetoData data) {
        ValidationException e = assertThrows(ValidationException.class, () -> data.users().create(null));
        assertEquals("user", e.field());
        assertEquals("id", assertThrows(ValidationException.class, () -> data.users().findById(null)).field());
        assertEquals("page", assertThrows(ValidationException.class, () -> data.users().list(null, null, null)).field());
    }

    @Test
    void bug07_aFacadeCallInsideACallbackOnARowTheTransactionHoldsFailsFastInsteadOfHanging(TetoData data) {
        User u = user(data);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> {
                tx.users().update(u.id(), UserUpdate.none().withName("Locked"));
                data.users().update(u.id(), UserUpdate.none().withName("Would wait forever"));
            }));
            assertTrue(e.getMessage().contains("use the tx"), e.getMessage());
        });
        assertEquals(u.name(), data.users().findById(u.id()).orElseThrow().name(), "the transaction rolled back");
    }

    @Test
    void bug08_messagesCarryNoEmailOrNameAndEntityNamesAreConsistent(TetoData data) {
        User u = user(data);
        DuplicateException dup = assertThrows(DuplicateException.class,
                () -> data.users().create(NewUser.of(u.email(), "Someone Else")));
        assertFalse(messages(dup).contains(u.email()), messages(dup));
        assertFalse(messages(dup).contains(u.email().substring(0, u.email().indexOf('@'))), messages(dup));
        ValidationException bad = assertThrows(ValidationException.class,
                () -> data.users().create(NewUser.of("not-an-email-mina.park", "Mina Park")));
        assertFalse(messages(bad).contains("mina.park"), messages(bad));
        ValidationException longName = assertThrows(ValidationException.class,
                () -> data.users().create(NewUser.of(email(), "Mina Park " + "x".repeat(300))));
        assertFalse(messages(longName).contains("Mina Park"), messages(longName));
        UUID missing = UUID.randomUUID();
        assertEquals(Entities.USER, assertThrows(NotFoundException.class,
                () -> data.users().update(missing, UserUpdate.none().withName("x"))).entity());
        assertEquals(Entities.USER, assertThrows(NotFoundException.class,
                () -> data.sessions().create(new NewUserSession(missing, "h-" + missing, null, null, null, Instant.now().plusSeconds(60)))).entity());
        assertEquals(Entities.ASSESSMENT, assertThrows(NotFoundException.class,
                () -> data.assessmentFlow().complete(missing)).entity());
        NotFoundException byDatabase = assertThrows(NotFoundException.class, () -> data.assessmentAnalytics()
                .create(new dev.teto.data.api.model.NewAssessmentAnalytics(missing, null, null, null, null)));
        assertEquals(Entities.ASSESSMENT, byDatabase.entity());
        assertEquals("postgres", byDatabase.store().orElseThrow(), "a row the database found missing names the store");
    }

    @Test
    void bug09_lengthsCountCharactersAndUnicodeSpacesAreBlank(TetoData data) {
        String emoji = "😀".repeat(200);   // 400 UTF-16 units, 200 characters: fits VARCHAR(255)
        assertEquals(emoji, data.users().create(NewUser.of(email(), emoji)).name());
        assertEquals("name", assertThrows(ValidationException.class,
                () -> data.users().create(NewUser.of(email(), "\u00a0\u00a0\u3000"))).field());
    }

    @Test
    void bug10_noBoundArgumentAppearsInAnExceptionOrItsCauses(TetoData data, TestDatabase db) {
        User u = user(data);
        // On the password hash: names are sealed before they reach SQL, so a CHECK on the name could never fire.
        db.execute("ALTER TABLE users ADD CONSTRAINT chk_test_no_zed CHECK (password_hash <> '$2a$10$secrethashvalue')");
        try {
            TetoDataException e = assertThrows(TetoDataException.class,
                    () -> data.users().update(u.id(), UserUpdate.none().withName("Zed Secretname")
                            .withPasswordHash("$2a$10$secrethashvalue")));
            String all = messages(e);
            assertFalse(all.contains("Secretname"), all);
            assertFalse(all.contains("secrethashvalue"), all);
            assertFalse(all.contains(u.email()), all);
        } finally {
            db.execute("ALTER TABLE users DROP CONSTRAINT chk_test_no_zed");
        }
    }

    @Test
    void bug12_aClosedTetoDataSaysItIsClosed(TestDatabase db) {
        Map<String, String> settings = new java.util.HashMap<>(db.settings());
        settings.put("postgres.run-migrations", "false");
        TetoData data = TetoData.builder().configure(settings).build();
        var users = data.users();
        data.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> users.findById(UUID.randomUUID()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, data::users);
    }

    private static void assertUserGone(org.junit.jupiter.api.function.Executable call) {
        NotFoundException e = assertThrows(NotFoundException.class, call);
        assertEquals(Entities.USER, e.entity(), e.getMessage());
    }
}

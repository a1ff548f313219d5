package dev.teto.data.postgres;

import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static dev.teto.data.postgres.Fixtures.assertInvalid;
import static dev.teto.data.postgres.Fixtures.assertRejected;
import static dev.teto.data.postgres.Fixtures.email;
import static dev.teto.data.postgres.Fixtures.rawSqlFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every validation rule: the call throws a ValidationException naming the field, and nothing is written. The last
 * tests bypass Java and prove the database enforces the same rules on its own.
 */
@TetoDataTest
class ValidationIT {
    private static final Instant IN_A_DAY = Instant.now().plus(1, ChronoUnit.DAYS);

    private TetoData data;
    private TestDatabase db;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
    }

    @Test
    void userEmailName() {
        assertInvalid("email", db, "users", () -> data.users().create(NewUser.of("not-an-email", "X")));
        assertInvalid("email", db, "users", () -> data.users().create(NewUser.of("a@b", "X")));
        assertInvalid("email", db, "users", () -> data.users().create(NewUser.of(null, "X")));
        assertInvalid("email", db, "users", () -> data.users().create(NewUser.of("  ", "X")));
        assertInvalid("name", db, "users", () -> data.users().create(NewUser.of(email(), "   ")));
        assertInvalid("name", db, "users", () -> data.users().create(NewUser.of(email(), null)));
        assertInvalid("name", db, "users", () -> data.users().create(NewUser.of(email(), "n".repeat(256))));
        // 255 is the column's limit and must pass
        data.users().create(NewUser.of(email(), "n".repeat(255)));
    }

    @Test
    void userRoleStatusAndUpdates() {
        assertInvalid("role", db, "users", () -> data.users().create(NewUser.of(email(), "X").withRole("god")));
        assertInvalid("status", db, "users", () -> data.users().create(NewUser.of(email(), "X").withStatus("zombie")));

        User u = Fixtures.user(data);
        assertInvalid("role", db, "users", () -> data.users().update(u.id(), dev.teto.data.api.model.UserUpdate.none().withRole("god")));
        assertInvalid("name", db, "users", () -> data.users().update(u.id(), dev.teto.data.api.model.UserUpdate.none().withName("")));
        assertEquals("user", data.users().findById(u.id()).orElseThrow().role(), "a rejected update changes nothing");
    }

    @Test
    void sessionRequiredFieldsAndIp() {
        User u = Fixtures.user(data);
        assertInvalid("userId", db, "user_sessions",
                () -> data.sessions().create(new NewUserSession(null, "hash", null, null, null, IN_A_DAY)));
        assertInvalid("tokenHash", db, "user_sessions",
                () -> data.sessions().create(new NewUserSession(u.id(), null, null, null, null, IN_A_DAY)));
        assertInvalid("expiresAt", db, "user_sessions",
                () -> data.sessions().create(new NewUserSession(u.id(), "hash", null, null, null, null)));
        assertInvalid("ipAddress", db, "user_sessions",
                () -> data.sessions().create(new NewUserSession(u.id(), "hash", null, "999.1.1.1", null, IN_A_DAY)));
        assertInvalid("ipAddress", db, "user_sessions",
                () -> data.sessions().create(new NewUserSession(u.id(), "hash", null, "example.com", null, IN_A_DAY)));
        ValidationException secret = assertInvalid("tokenHash", db, "user_sessions",
                () -> data.sessions().create(new NewUserSession(u.id(), "h".repeat(256), null, null, null, IN_A_DAY)));
        assertTrue(!secret.getMessage().contains("hhhhhhhh"), "a token hash never appears in the message");
    }

    @Test
    void activityIpAndType() {
        User u = Fixtures.user(data);
        assertInvalid("ipAddress", db, "user_activities", () -> data.activities().record(
                new NewUserActivity(u.id(), "login", null, "1.2.3", null, null, null)));
        assertInvalid("activityType", db, "user_activities", () -> data.activities().record(
                NewUserActivity.of(u.id(), "t".repeat(101), null)));
        assertInvalid("userId", db, "user_activities", () -> data.activities().record(
                NewUserActivity.of(null, "login", null)));
    }

    @Test
    void likertValueOutOfRange() {
        User u = Fixtures.user(data);
        String version = Fixtures.version();
        List<Question> qs = Fixtures.likertQuestions(data, version, 2);
        Assessment a = data.assessmentFlow().start(u.id(), version);

        assertInvalid("value", db, "answers", () -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(qs.get(0).id(), 0)));
        assertInvalid("value", db, "answers", () -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(qs.get(0).id(), 6)));
        ValidationException batch = assertRejected(ValidationException.class, db, "answers", () -> data.assessmentFlow().answerAll(a.id(),
                List.of(AnswerInput.likert(qs.get(0).id(), 3), AnswerInput.likert(qs.get(1).id(), 6))));
        assertEquals("answers[1].value", batch.field(), "a batch names the item and its field");
        assertInvalid("questionId", db, "answers", () -> data.assessmentFlow().answer(a.id(), new AnswerInput(null, 3, null, null, null)));
        assertInvalid("responseTimeMs", db, "answers", () -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(qs.get(0).id(), 3, -1)));
        assertEquals(0, data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
    }

    @Test
    void questionLengthsAndType() {
        String v = Fixtures.version();
        assertInvalid("category", db, "questions", () -> data.questions().create(
                NewQuestion.likert(v, 1, "c".repeat(101), null, "Text")));
        assertInvalid("subcategory", db, "questions", () -> data.questions().create(
                NewQuestion.likert(v, 1, "c", "s".repeat(101), "Text")));
        assertInvalid("version", db, "questions", () -> data.questions().create(
                NewQuestion.likert("v".repeat(21), 1, "c", null, "Text")));
        assertInvalid("text", db, "questions", () -> data.questions().create(NewQuestion.likert(v, 1, "c", null, " ")));
        assertInvalid("questionType", db, "questions", () -> data.questions().create(
                new NewQuestion("Text", "c", null, 1, "essay", null, v, true)));
        assertInvalid("orderIndex", db, "questions", () -> data.questions().create(NewQuestion.likert(v, -1, "c", null, "Text")));
        // createAll is validated as a whole before any row is written; the field names the list element
        assertInvalid("questions[1].category", db, "questions", () -> data.questions().createAll(List.of(
                NewQuestion.likert(v, 1, "ok", null, "Fine"), NewQuestion.likert(v, 2, "c".repeat(101), null, "Bad"))));
        assertEquals(0, data.questions().countActive(v));
    }

    @Test
    void profileLengths() {
        User u = Fixtures.user(data);
        Assessment a = data.assessments().create(new NewAssessment(u.id(), "v1", 1, null, null));
        assertInvalid("personalityType", db, "profiles", () -> data.profiles().create(
                new NewProfile(u.id(), a.id(), ProfileDraft.of("p".repeat(21), "Name", json()))));
        assertInvalid("typeName", db, "profiles", () -> data.profiles().create(
                new NewProfile(u.id(), a.id(), ProfileDraft.of("TETO", "n".repeat(256), json()))));
        assertInvalid("dimensions", db, "profiles", () -> data.profiles().create(
                new NewProfile(u.id(), a.id(), ProfileDraft.of("TETO", "Name", null))));
        assertInvalid("content", db, "profiles", () -> data.profiles().create(new NewProfile(u.id(), a.id(), null)));
        assertInvalid("assessmentId", db, "profiles", () -> data.profiles().create(
                new NewProfile(u.id(), null, ProfileDraft.of("TETO", "Name", json()))));
    }

    @Test
    void assessmentInput() {
        User u = Fixtures.user(data);
        assertInvalid("version", db, "assessments", () -> data.assessments().create(new NewAssessment(u.id(), "v".repeat(21), 1, null, null)));
        assertInvalid("status", db, "assessments", () -> data.assessments().create(new NewAssessment(u.id(), "v1", 1, "paused", null)));
        assertInvalid("status", db, "assessments", () -> data.assessments().create(new NewAssessment(u.id(), "v1", 1, "completed", null)));
        assertInvalid("totalQuestions", db, "assessments", () -> data.assessments().create(new NewAssessment(u.id(), "v1", -1, null, null)));
        assertInvalid("userId", db, "assessments", () -> data.assessments().create(new NewAssessment(null, "v1", 1, null, null)));
    }

    @Test
    void subscriptionPlanAndDates() {
        User u = Fixtures.user(data);
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        assertInvalid("planType", db, "subscriptions", () -> data.subscriptions().create(
                NewSubscription.of(u.id(), "p".repeat(51), start, null)));
        assertInvalid("endDate", db, "subscriptions", () -> data.subscriptions().create(
                NewSubscription.of(u.id(), "pro", start, start.minusSeconds(1))));
        assertInvalid("startDate", db, "subscriptions", () -> data.subscriptions().create(
                NewSubscription.of(u.id(), "pro", null, null)));
        assertInvalid("status", db, "subscriptions", () -> data.subscriptions().create(
                new NewSubscription(u.id(), "pro", "lapsed", start, null, null, null, null)));
    }

    @Test
    void analyticsCompletionRate() {
        User u = Fixtures.user(data);
        Assessment a = data.assessments().create(new NewAssessment(u.id(), "v1", 1, null, null));
        assertInvalid("completionRate", db, "assessment_analytics", () -> data.assessmentAnalytics().create(
                new NewAssessmentAnalytics(a.id(), new BigDecimal("100.01"), null, null, null)));
        assertInvalid("completionRate", db, "assessment_analytics", () -> data.assessmentAnalytics().create(
                new NewAssessmentAnalytics(a.id(), new BigDecimal("12.345"), null, null, null)));
        assertInvalid("completionRate", db, "assessment_analytics", () -> data.assessmentAnalytics().create(
                new NewAssessmentAnalytics(a.id(), new BigDecimal("-0.01"), null, null, null)));
        assertInvalid("averageTimePerQuestion", db, "assessment_analytics", () -> data.assessmentAnalytics().create(
                new NewAssessmentAnalytics(a.id(), BigDecimal.TEN, new BigDecimal("1.001"), null, null)));
        assertInvalid("metricValue", db, "system_metrics", () -> data.metrics().record(
                NewSystemMetric.of("cpu", new BigDecimal("1.00001"), null)));
        assertInvalid("metricName", db, "system_metrics", () -> data.metrics().record(
                NewSystemMetric.of("m".repeat(101), BigDecimal.ONE, null)));
    }

    @Test
    void organizationInput() {
        assertInvalid("name", db, "organizations", () -> data.organizations().create(
                dev.teto.data.api.model.NewOrganization.of("", "d.example")));
        assertInvalid("billingEmail", db, "organizations", () -> data.organizations().create(
                new dev.teto.data.api.model.NewOrganization("Org", null, null, null, "billing", null, null)));
        assertInvalid("status", db, "organizations", () -> data.organizations().create(
                new dev.teto.data.api.model.NewOrganization("Org", null, null, null, null, "gone", null)));
    }

    @Test
    void aNullArgumentIsAValidationErrorNamingTheParameter() {
        // Core checks every argument before any store is called; the field is the interface's parameter name.
        User u = Fixtures.user(data);
        String version = Fixtures.version();
        List<Question> qs = Fixtures.likertQuestions(data, version, 1);
        Assessment a = data.assessmentFlow().start(u.id(), version);
        assertInvalid("user", db, "users", () -> data.users().create(null));
        assertInvalid("update", db, "users", () -> data.users().update(u.id(), null));
        assertInvalid("id", db, "users", () -> data.users().update(null, dev.teto.data.api.model.UserUpdate.none().withName("X")));
        assertInvalid("session", db, "user_sessions", () -> data.sessions().create(null));
        assertInvalid("preferences", db, "user_preferences", () -> data.preferences().create(null));
        assertInvalid("subscription", db, "subscriptions", () -> data.subscriptions().create(null));
        assertInvalid("organization", db, "organizations", () -> data.organizations().create(null));
        assertInvalid("member", db, "organization_members", () -> data.organizations().addMember(null));
        assertInvalid("question", db, "questions", () -> data.questions().create(null));
        assertInvalid("questions", db, "questions", () -> data.questions().createAll(null));
        assertInvalid("assessment", db, "assessments", () -> data.assessments().create(null));
        assertInvalid("userId", db, "assessments", () -> data.assessmentFlow().start(null, version));
        assertInvalid("version", db, "assessments", () -> data.assessmentFlow().start(u.id(), null));
        assertInvalid("answer", db, "answers", () -> data.assessmentFlow().answer(a.id(), null));
        assertInvalid("answers", db, "answers", () -> data.assessmentFlow().answerAll(a.id(), null));
        assertInvalid("assessmentId", db, "answers", () -> data.assessmentFlow().answer(null, AnswerInput.likert(qs.get(0).id(), 3)));
        assertInvalid("scorer", db, "profiles", () -> data.assessmentFlow().complete(a.id(), null));
        assertInvalid("profile", db, "profiles", () -> data.profiles().create(null));
        assertInvalid("analytics", db, "assessment_analytics", () -> data.assessmentAnalytics().create(null));
        assertInvalid("activity", db, "user_activities", () -> data.activities().record(null));
        assertInvalid("activities", db, "user_activities", () -> data.activities().recordAll(null));
        assertInvalid("metric", db, "system_metrics", () -> data.metrics().record(null));
        assertEquals("range", assertThrows(ValidationException.class,
                () -> data.metrics().listByName("cpu", null, PageRequest.first(1))).field());
        assertEquals("page", assertThrows(ValidationException.class,
                () -> data.sessions().listLive(u.id(), null)).field());
        // a null element of a list names its index
        assertInvalid("questions[1]", db, "questions", () -> data.questions().createAll(
                java.util.Arrays.asList(NewQuestion.likert(version, 2, "c", null, "Fine"), null)));
        assertEquals(0, data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
    }

    @Test
    void badCursorIsRejected() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> data.users().list(null, null, new PageRequest(10, "!!definitely-not-a-cursor", false)));
        assertEquals("cursor", e.field());
        User u = Fixtures.user(data);
        ValidationException e2 = assertThrows(ValidationException.class, () -> data.activities().listByUser(u.id(),
                TimeRange.of(Instant.EPOCH, Instant.now()), new PageRequest(10, "bm90LWEtY3Vyc29y", false)));
        assertEquals("cursor", e2.field());
        assertEquals("limit", assertThrows(ValidationException.class, () -> PageRequest.first(0)).field());
    }

    @Test
    void immutableMapsAndListsAreAcceptedAsInput() {
        // Map.of / List.of are the idiomatic way to build these inputs; their containsKey(null)/contains(null)
        // throw NullPointerException, which must not escape from validation.
        User u = data.users().create(NewUser.of(email(), "Immutable").withPreferences(Map.of("lang", "ko")));
        assertEquals(Map.of("lang", "ko"), u.preferences());
        Assessment a = data.assessments().create(new NewAssessment(u.id(), "v1", 1, null, Map.of()));
        assertEquals(List.of("bold"), data.profiles().create(new NewProfile(u.id(), a.id(),
                ProfileDraft.of("TETO", "Name", Map.of("teto", 1)).withStrengths(List.of("bold")))).strengths());
    }

    // --- the database's own line of defence, bypassing Java ---------------------------------------------------

    @Test
    void databaseRejectsInvalidUsersOnItsOwn() {
        long before = db.count("users");
        assertCheck("chk_role_values", rawSqlFails(db, "INSERT INTO users (email, name, role) VALUES (?, 'X', 'god')", email()));
        assertCheck("chk_users_status", rawSqlFails(db, "INSERT INTO users (email, name, status) VALUES (?, 'X', 'zombie')", email()));
        assertEquals("23502", rawSqlFails(db, "INSERT INTO users (email, name) VALUES (?, NULL)", email()).getSQLState());
        // V6: email and name hold ciphertext, so their format and length are checked in Java only.

        String local = "mina" + Fixtures.shortId();
        db.execute("INSERT INTO users (email, name) VALUES (?, 'Mina')", "Mina" + local.substring(4) + "@x.com");
        SQLException dup = rawSqlFails(db, "INSERT INTO users (email, name) VALUES (?, 'Mina')", local + "@X.COM");
        assertEquals("23505", dup.getSQLState());
        assertTrue(dup.getMessage().contains("users_email_key"), dup.getMessage());
        assertEquals(before + 1, db.count("users"));
    }

    @Test
    void databaseRejectsInvalidRowsOfOtherTablesOnItsOwn() {
        User u = Fixtures.user(data);
        UUID assessmentId = UUID.randomUUID();
        db.execute("INSERT INTO assessments (id, user_id, version, total_questions) VALUES (?, ?, 'v1', 1)", assessmentId, u.id());
        UUID questionId = UUID.randomUUID();
        db.execute("INSERT INTO questions (id, text, version) VALUES (?, 'Q', 'v1')", questionId);

        assertCheck("chk_answers_value", rawSqlFails(db,
                "INSERT INTO answers (user_id, assessment_id, question_id, value) VALUES (?, ?, ?, 6)", u.id(), assessmentId, questionId));
        assertCheck("chk_answers_value", rawSqlFails(db,
                "INSERT INTO answers (user_id, assessment_id, question_id, value) VALUES (?, ?, ?, 0)", u.id(), assessmentId, questionId));
        assertCheck("chk_assessments_status", rawSqlFails(db, "UPDATE assessments SET status = 'paused' WHERE id = ?", assessmentId));
        assertCheck("chk_assessments_progress", rawSqlFails(db, "UPDATE assessments SET questions_answered = 2 WHERE id = ?", assessmentId));
        assertCheck("chk_questions_type", rawSqlFails(db, "INSERT INTO questions (text, version, question_type) VALUES ('Q', 'v1', 'essay')"));
        assertCheck("chk_subscriptions_dates", rawSqlFails(db,
                "INSERT INTO subscriptions (user_id, plan_type, start_date, end_date) VALUES (?, 'pro', now(), now() - interval '1 day')", u.id()));
        assertCheck("chk_subscriptions_status", rawSqlFails(db,
                "INSERT INTO subscriptions (user_id, plan_type, status, start_date) VALUES (?, 'pro', 'lapsed', now())", u.id()));
        assertCheck("chk_organizations_status", rawSqlFails(db, "INSERT INTO organizations (name, status) VALUES ('Org', 'gone')"));
        assertCheck("chk_analytics_completion_rate", rawSqlFails(db,
                "INSERT INTO assessment_analytics (assessment_id, completion_rate) VALUES (?, 100.01)", assessmentId));
        assertEquals("22001", rawSqlFails(db, "INSERT INTO questions (text, version, category) VALUES ('Q', 'v1', ?)", "c".repeat(101)).getSQLState());
        assertEquals("23503", rawSqlFails(db, "INSERT INTO user_sessions (user_id, token_hash, expires_at) VALUES (?, 'h', now())", UUID.randomUUID()).getSQLState());

        db.execute("INSERT INTO answers (user_id, assessment_id, question_id, value) VALUES (?, ?, ?, 3)", u.id(), assessmentId, questionId);
        SQLException twice = rawSqlFails(db,
                "INSERT INTO answers (user_id, assessment_id, question_id, value) VALUES (?, ?, ?, 4)", u.id(), assessmentId, questionId);
        assertEquals("23505", twice.getSQLState());
        assertTrue(twice.getMessage().contains("uq_answers_assessment_question"), twice.getMessage());
    }

    @Test
    void databaseRejectsInvalidMembersOnItsOwn() {
        User u = Fixtures.user(data);
        UUID orgId = UUID.randomUUID();
        db.execute("INSERT INTO organizations (id, name) VALUES (?, 'Org')", orgId);
        assertCheck("chk_org_members_role", rawSqlFails(db,
                "INSERT INTO organization_members (organization_id, user_id, role) VALUES (?, ?, 'boss')", orgId, u.id()));
        assertCheck("chk_org_members_status", rawSqlFails(db,
                "INSERT INTO organization_members (organization_id, user_id, status) VALUES (?, ?, 'lurking')", orgId, u.id()));
        assertEquals(0, db.count("SELECT count(*) FROM organization_members WHERE organization_id = ?", orgId));
    }

    private static void assertCheck(String constraint, SQLException e) {
        assertEquals("23514", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(constraint), "expected " + constraint + " in: " + e.getMessage());
    }
}

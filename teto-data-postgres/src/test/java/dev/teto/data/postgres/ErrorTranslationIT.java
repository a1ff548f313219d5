package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NonTransientDataException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AssessmentAnalyticsUpdate;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.OrganizationUpdate;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserPreferencesUpdate;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Database errors reach the caller as the api's typed exceptions, never as raw JDBC or Jdbi exceptions. */
@TetoDataTest
class ErrorTranslationIT {
    private TetoData data;
    private TestDatabase db;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
    }

    /** Asserts the call throws exactly a (subclass of) {@code expected}, which is itself a TetoDataException. */
    private static <E extends TetoDataException> E assertTyped(Class<E> expected, Executable call) {
        Throwable t;
        try {
            call.execute();
            return fail("expected " + expected.getSimpleName());
        } catch (Throwable thrown) {
            t = thrown;
        }
        assertInstanceOf(TetoDataException.class, t, () -> "a raw exception escaped: " + t);
        String name = t.getClass().getName();
        assertTrue(name.startsWith("dev.teto.data.api.error."), "not an api exception type: " + name);
        assertInstanceOf(NonTransientDataException.class, t, "none of these passes by retrying");
        assertFalse(((TetoDataException) t).isTransient());
        return assertInstanceOf(expected, t, () -> "unexpected exception: " + t);
    }

    private void notFoundWithoutWrite(String entity, String table, Executable call) {
        long before = db.count(table);
        NotFoundException e = assertTyped(NotFoundException.class, call);
        assertEquals(entity, e.entity(), e::getMessage);
        assertEquals(before, db.count(table), "nothing may be written to " + table);
    }

    private static Instant inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS);
    }

    @Test
    void foreignKeyViolationsAreNotFound() {
        UUID nobody = UUID.randomUUID();
        // A missing user is caught by core's liveness check before any SQL; the other references by the database.
        notFoundWithoutWrite(Entities.USER, "user_sessions",
                () -> data.sessions().create(new NewUserSession(nobody, "tok", null, null, null, inAnHour())));
        notFoundWithoutWrite(Entities.USER, "assessments",
                () -> data.assessments().create(new NewAssessment(nobody, "v1", 1, null, null)));
        notFoundWithoutWrite(Entities.USER, "subscriptions",
                () -> data.subscriptions().create(NewSubscription.of(nobody, "pro", Instant.now(), null)));
        notFoundWithoutWrite(Entities.USER, "user_preferences",
                () -> data.preferences().create(new NewUserPreferences(nobody, null, null, null, null, null)));
        notFoundWithoutWrite(Entities.USER, "user_activities",
                () -> data.activities().record(NewUserActivity.of(nobody, "login", null)));
        notFoundWithoutWrite(Entities.ASSESSMENT, "assessment_analytics",
                () -> data.assessmentAnalytics().create(new NewAssessmentAnalytics(nobody, null, null, null, null)));
        notFoundWithoutWrite(Entities.ORGANIZATION, "organization_members",
                () -> data.organizations().addMember(NewOrganizationMember.of(nobody, Fixtures.user(data).id(), null)));

        User u = Fixtures.user(data);
        notFoundWithoutWrite(Entities.ASSESSMENT, "profiles",
                () -> data.profiles().create(new NewProfile(u.id(), nobody, ProfileDraft.of("TETO", "Name", json()))));
    }

    @Test
    void updatesOfUnknownRowsAreNotFound() {
        UUID nobody = UUID.randomUUID();
        assertEquals(Entities.ASSESSMENT, assertTyped(NotFoundException.class,
                () -> data.assessments().update(nobody, new AssessmentUpdate("abandoned", null))).entity());
        assertEquals(Entities.SUBSCRIPTION, assertTyped(NotFoundException.class,
                () -> data.subscriptions().update(nobody, SubscriptionUpdate.status("cancelled"))).entity());
        assertEquals(Entities.ORGANIZATION, assertTyped(NotFoundException.class, () -> data.organizations().update(nobody,
                new OrganizationUpdate("X", null, null, null, null, null, null))).entity());
        assertEquals(Entities.MEMBER, assertTyped(NotFoundException.class,
                () -> data.organizations().updateMember(nobody, new OrganizationMemberUpdate("admin", null, null))).entity());
        assertEquals(Entities.PROFILE, assertTyped(NotFoundException.class, () -> data.profiles().update(nobody,
                new ProfileUpdate("X", null, null, null, null, null, null))).entity());
        assertEquals(Entities.PREFERENCES, assertTyped(NotFoundException.class, () -> data.preferences().update(nobody,
                new UserPreferencesUpdate(json(), null, null, null, null))).entity());
        assertEquals(Entities.ASSESSMENT_ANALYTICS, assertTyped(NotFoundException.class, () -> data.assessmentAnalytics().update(nobody,
                new AssessmentAnalyticsUpdate(null, null, null, null))).entity());
        assertEquals(Entities.SESSION, assertTyped(NotFoundException.class,
                () -> data.sessions().update(nobody, new UserSessionUpdate("x", inAnHour()))).entity());
        assertEquals(Entities.QUESTION, assertTyped(NotFoundException.class,
                () -> data.questions().update(nobody, QuestionUpdate.deactivate())).entity());
        assertEquals(Entities.USER, assertTyped(NotFoundException.class,
                () -> data.users().update(nobody, UserUpdate.none().withName("X"))).entity());
    }

    @Test
    void aCheckViolationDetectedOnlyByTheDatabaseIsAValidationException() {
        User u = Fixtures.user(data);
        Instant start = Instant.parse("2031-01-01T00:00:00Z");
        Subscription s = data.subscriptions().create(NewSubscription.of(u.id(), "pro", start, start.plus(30, ChronoUnit.DAYS)));

        // SubscriptionUpdate cannot see the start date, so only chk_subscriptions_dates catches this.
        ValidationException e = assertTyped(ValidationException.class, () -> data.subscriptions().update(s.id(),
                new SubscriptionUpdate(null, null, start.minus(1, ChronoUnit.DAYS), null, null, null)));
        assertEquals("endDate", e.field());
        assertEquals("postgres", e.store().orElseThrow(), "rejected by the store, not by core's validation");
        assertEquals(start.plus(30, ChronoUnit.DAYS), data.subscriptions().findById(s.id()).orElseThrow().endDate(),
                "the rejected update changed nothing");
    }

    @Test
    void aDuplicateDetectedOnlyByTheDatabaseNamesTheField() {
        User u = Fixtures.user(data);
        db.execute("INSERT INTO user_preferences (user_id) VALUES (?)", u.id());
        var e = assertTyped(dev.teto.data.api.error.DuplicateException.class,
                () -> data.preferences().create(new NewUserPreferences(u.id(), null, null, null, null, null)));
        assertEquals("userId", e.field());
        assertEquals("postgres", e.store().orElseThrow());
    }

    @Test
    void inputRejectedBeforeAnySqlNamesNoStore() {
        ValidationException e = assertTyped(ValidationException.class,
                () -> data.subscriptions().create(NewSubscription.of(UUID.randomUUID(), "", Instant.now(), null)));
        assertEquals("planType", e.field());
        assertTrue(e.store().isEmpty(), "core rejected it; no store was reached: " + e.store());
    }

    @Test
    void aJsonbColumnWrittenByAnotherWriterThatHoldsNoObjectIsADataAccessExceptionWithoutItsContent() {
        User u = Fixtures.user(data);
        User v = Fixtures.user(data);
        // Another writer (bypassing the library) stored JSON that is not an object; the values are PII.
        db.execute("UPDATE users SET preferences = to_jsonb(CAST(? AS text)) WHERE id = ?", "mina.secret@example.com", u.id());
        db.execute("UPDATE users SET preferences = jsonb_build_array(CAST(? AS text)) WHERE id = ?", "Mina Secretname", v.id());
        for (User broken : List.of(u, v)) {
            DataAccessException e = assertTyped(DataAccessException.class, () -> data.users().findById(broken.id()));
            String all = Fixtures.messages(e);
            assertFalse(all.contains("secret"), all);
            assertFalse(all.contains("Secretname"), all);
        }
    }

    @Test
    void unexpectedDatabaseFailuresAreDataAccessExceptionsWithTheCause() {
        // Take the table away underneath the adapter: SQLSTATE 42P01 is nobody's input error.
        db.execute("ALTER TABLE system_metrics RENAME TO system_metrics_gone");
        try {
            DataAccessException e = assertTyped(DataAccessException.class,
                    () -> data.metrics().findById(UUID.randomUUID()));
            assertEquals("postgres", e.store().orElseThrow());
            assertTrue(e.getCause() != null, "a copy of the driver's exception is kept as the cause");
            // ...scrubbed: its class name and SQLSTATE, never the driver's message (which can hold bound values)
            assertFalse(e.getCause() instanceof java.sql.SQLException, "the raw driver exception is not kept: " + e.getCause());
            String causes = Fixtures.messages(e);
            assertTrue(causes.contains("42P01"), causes);
            assertFalse(causes.contains("system_metrics"), "no server message text in the causes: " + causes);
        } finally {
            db.execute("ALTER TABLE system_metrics_gone RENAME TO system_metrics");
        }
        assertTrue(data.metrics().findById(UUID.randomUUID()).isEmpty(), "the store works again afterwards");
    }
}

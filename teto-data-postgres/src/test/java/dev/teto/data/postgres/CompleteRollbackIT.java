package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code complete} is one transaction: when the profile insert fails in the DATABASE (after the assessment row was
 * already updated in the same transaction), the assessment stays in progress. Its own class because it adds a
 * constraint to this class's schema.
 */
@TetoDataTest
class CompleteRollbackIT {

    @BeforeAll
    static void rejectBoomProfiles(TestDatabase db) {
        // Passes Java validation, fails only in PostgreSQL.
        db.execute("ALTER TABLE profiles ADD CONSTRAINT test_reject_boom CHECK (type_name <> 'boom')");
    }

    private static Assessment answeredAssessment(TetoData data) {
        User user = Fixtures.user(data);
        String version = Fixtures.version();
        List<Question> qs = Fixtures.likertQuestions(data, version, 3);
        Assessment a = data.assessmentFlow().start(user.id(), version);
        data.assessmentFlow().answerAll(a.id(), qs.stream().map(q -> AnswerInput.likert(q.id(), 3)).toList());
        return a;
    }

    @Test
    void aProfileRejectedByTheDatabaseRollsBackTheCompletion(TetoData data, TestDatabase db) {
        Assessment a = answeredAssessment(data);
        long profilesBefore = db.count("profiles");

        TetoDataException e = assertThrows(TetoDataException.class,
                () -> data.assessmentFlow().complete(a.id(), input -> ProfileDraft.of("TETO", "boom", json("teto", 1))));
        assertNotNull(e.getMessage());

        Assessment after = data.assessments().findById(a.id()).orElseThrow();
        assertEquals(Assessment.IN_PROGRESS, after.status());
        assertNull(after.completedAt());
        assertNull(after.durationSeconds());
        assertEquals(3, after.questionsAnswered());
        assertEquals(0, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", a.id()));
        assertEquals(profilesBefore, db.count("profiles"));
        assertEquals(0, db.count("SELECT count(*) FROM assessments WHERE id = ? AND (status <> 'in_progress' OR completed_at IS NOT NULL)", a.id()));
        assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE event_type IN (?, ?) AND payload->>'assessmentId' = ?",
                EventTypes.ASSESSMENT_COMPLETED, EventTypes.PROFILE_CREATED, a.id().toString()),
                "the completion's events were rolled back with it");
    }

    @Test
    void afterAFailedCompletionTheAssessmentCanStillBeCompleted(TetoData data, TestDatabase db) {
        Assessment a = answeredAssessment(data);
        assertThrows(TetoDataException.class,
                () -> data.assessmentFlow().complete(a.id(), input -> ProfileDraft.of("TETO", "boom", json())));

        Profile p = data.assessmentFlow().complete(a.id(), Fixtures.sumScorer());
        assertEquals("The Teto", p.typeName());
        assertEquals(Assessment.COMPLETED, data.assessments().findById(a.id()).orElseThrow().status());
        assertTrue(data.profiles().findByAssessment(a.id()).isPresent());
        assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", a.id()));
        assertEquals(1, db.count("SELECT count(*) FROM outbox WHERE event_type = ? AND payload->>'assessmentId' = ?",
                EventTypes.ASSESSMENT_COMPLETED, a.id().toString()), "only the successful completion wrote its event");
    }

    @Test
    void aFailedCompletionInsideATransactionIsUndoneAloneAndTheRestCommits(TetoData data, TestDatabase db) {
        Assessment a = answeredAssessment(data);
        User other = Fixtures.user(data);
        String renamed = "Renamed " + Fixtures.shortId();
        data.useTransaction(tx -> {
            tx.users().update(other.id(), dev.teto.data.api.model.UserUpdate.none().withName(renamed));
            assertThrows(TetoDataException.class,
                    () -> tx.assessmentFlow().complete(a.id(), input -> ProfileDraft.of("TETO", "boom", json())));
            assertEquals(Assessment.IN_PROGRESS, tx.assessments().findById(a.id()).orElseThrow().status(),
                    "the failed completion was rolled back to its savepoint");
        });
        assertEquals(renamed, data.users().findById(other.id()).orElseThrow().name(), "the caught failure dropped no other write");
        Assessment after = data.assessments().findById(a.id()).orElseThrow();
        assertEquals(Assessment.IN_PROGRESS, after.status());
        assertNull(after.completedAt());
        assertEquals(0, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", a.id()));
        assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE event_type IN (?, ?) AND payload->>'assessmentId' = ?",
                EventTypes.ASSESSMENT_COMPLETED, EventTypes.PROFILE_CREATED, a.id().toString()),
                "the failed call's events were dropped with its savepoint although the transaction committed");
        assertEquals(1, db.count("SELECT count(*) FROM outbox WHERE event_type = ? AND aggregate_id = ?",
                EventTypes.USER_UPDATED, other.id()), "the successful call's event committed");
    }
}

package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.TetoDataException;
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
    }
}

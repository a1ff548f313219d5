package dev.teto.data.postgres;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.repository.AssessmentRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest
class AssessmentRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private AssessmentRepository assessments;
    private User user;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.assessments = data.assessments();
        this.user = Fixtures.user(data);
    }

    @Test
    void createAppliesDefaultsAndRoundTrips() {
        Assessment a = assessments.create(new NewAssessment(user.id(), "v1.0", 40, null, json("source", "import")));
        assertNotNull(a.id());
        assertEquals(user.id(), a.userId());
        assertEquals(Assessment.DRAFT, a.status(), "status defaults to draft");
        assertEquals("v1.0", a.version());
        assertEquals(40, a.totalQuestions());
        assertEquals(0, a.questionsAnswered());
        assertNull(a.completedAt());
        assertNull(a.startedAt(), "a draft has not started");
        assertEquals(json("source", "import"), a.metadata());
        assertEquals(a, assessments.findById(a.id()).orElseThrow());
        assertTrue(assessments.findById(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aDirectCreateRecordsTheVersionsActiveQuestionSet() {
        String version = Fixtures.version();
        List<Question> qs = Fixtures.likertQuestions(data, version, 3);
        Assessment running = assessments.create(new NewAssessment(user.id(), version, 3, Assessment.IN_PROGRESS, null));
        assertNotNull(running.startedAt(), "an assessment created in progress has started");
        assertEquals(qs.size(), db.count("SELECT cardinality(question_ids) FROM assessments WHERE id = ?", running.id()));
        for (Question q : qs) {
            assertEquals(1, db.count("SELECT count(*) FROM assessments WHERE id = ? AND ? = ANY(question_ids)", running.id(), q.id()));
        }
        // so the flow can take it to completion like a started one
        data.assessmentFlow().answerAll(running.id(), qs.stream().map(q -> AnswerInput.likert(q.id(), 2)).toList());
        data.assessmentFlow().complete(running.id(), Fixtures.sumScorer());
        assertEquals(Assessment.COMPLETED, assessments.findById(running.id()).orElseThrow().status());

        Assessment laterStarted = assessments.create(new NewAssessment(user.id(), version, 3, null, null));
        assertNull(laterStarted.startedAt());
        assertNotNull(assessments.update(laterStarted.id(), new AssessmentUpdate(Assessment.IN_PROGRESS, null)).startedAt(),
                "moving a draft to in_progress starts it");
    }

    @Test
    void aSoftDeletedUsersAssessmentsCannotBeWritten() {
        Assessment a = assessments.create(new NewAssessment(user.id(), "v1", 4, "in_progress", null));
        data.users().softDelete(user.id());
        Fixtures.assertUserGone(db, "assessments", () -> assessments.create(new NewAssessment(user.id(), "v1", 4, null, null)));
        Fixtures.assertUserGone(db, "assessments", () -> assessments.update(a.id(), new AssessmentUpdate(Assessment.ABANDONED, null)));
        assertEquals(Assessment.IN_PROGRESS, assessments.findById(a.id()).orElseThrow().status());
    }

    @Test
    void updateChangesStatusAndMetadata() {
        Assessment a = assessments.create(new NewAssessment(user.id(), "v1", 4, "in_progress", null));
        Assessment abandoned = assessments.update(a.id(), new AssessmentUpdate(Assessment.ABANDONED, null));
        assertEquals(Assessment.ABANDONED, abandoned.status());
        assertTrue(abandoned.updatedAt().isAfter(a.updatedAt()));

        Assessment withMeta = assessments.update(a.id(), new AssessmentUpdate(null, json("reason", "timeout")));
        assertEquals(Assessment.ABANDONED, withMeta.status());
        assertEquals(json("reason", "timeout"), withMeta.metadata());
        assertEquals(withMeta, assessments.findById(a.id()).orElseThrow());
    }

    @Test
    void completionCannotBeSetDirectly() {
        Assessment a = assessments.create(new NewAssessment(user.id(), "v1", 4, "in_progress", null));
        ValidationException e = assertThrows(ValidationException.class,
                () -> assessments.update(a.id(), new AssessmentUpdate(Assessment.COMPLETED, null)));
        assertEquals("status", e.field());
        assertEquals("in_progress", assessments.findById(a.id()).orElseThrow().status());
        assertEquals(0, db.count("SELECT count(*) FROM assessments WHERE id = ? AND status = 'completed'", a.id()));
    }

    @Test
    void listByUserPagesNewestFirstWithStatusFilter() {
        List<UUID> drafts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            drafts.add(assessments.create(new NewAssessment(user.id(), "v1", 4, null, null)).id());
        }
        UUID running = assessments.create(new NewAssessment(user.id(), "v1", 4, "in_progress", null)).id();
        assessments.create(new NewAssessment(Fixtures.user(data).id(), "v1", 4, null, null));

        Page<Assessment> all = assessments.listByUser(user.id(), null, PageRequest.first(10).withTotal());
        assertEquals(4, all.total().orElseThrow());
        assertEquals(running, all.items().get(0).id(), "newest first");

        List<UUID> seen = new ArrayList<>();
        Page<Assessment> page = assessments.listByUser(user.id(), Assessment.DRAFT, PageRequest.first(2));
        page.items().forEach(a -> seen.add(a.id()));
        assertTrue(page.hasNext());
        page = assessments.listByUser(user.id(), Assessment.DRAFT, PageRequest.first(2).after(page.nextCursor().orElseThrow()));
        page.items().forEach(a -> seen.add(a.id()));
        assertFalse(page.hasNext());
        Collections.reverse(drafts);
        assertEquals(drafts, seen);

        assertTrue(assessments.listByUser(user.id(), Assessment.COMPLETED, PageRequest.first(10)).items().isEmpty());
    }
}

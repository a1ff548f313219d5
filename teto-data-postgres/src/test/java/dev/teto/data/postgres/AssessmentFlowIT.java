package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static dev.teto.data.postgres.Fixtures.ALL;
import static dev.teto.data.postgres.Fixtures.json;
import static dev.teto.data.postgres.Fixtures.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start, answer, complete. Each test uses its own question-set version (4 active + 1 inactive questions). */
@TetoDataTest
class AssessmentFlowIT {
    private TetoData data;
    private TestDatabase db;
    private AssessmentFlow flow;
    private User user;
    private String version;
    private List<Question> questions;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.flow = data.assessmentFlow();
        this.user = Fixtures.user(data);
        this.version = Fixtures.version();
        this.questions = Fixtures.likertQuestions(data, version, 4);
        data.questions().create(new NewQuestion("retired", "c", null, 99, null, null, version, false));
    }

    private Assessment assessment(UUID id) {
        return data.assessments().findById(id).orElseThrow();
    }

    private long answerRows(UUID assessmentId) {
        return db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", assessmentId);
    }

    private Assessment startAndAnswerAll() {
        Assessment a = flow.start(user.id(), version);
        flow.answerAll(a.id(), List.of(AnswerInput.likert(questions.get(0).id(), 5), AnswerInput.likert(questions.get(1).id(), 4),
                AnswerInput.likert(questions.get(2).id(), 3), AnswerInput.likert(questions.get(3).id(), 2)));
        return a;
    }

    @Test
    void startTakesTotalFromTheActiveQuestionSet() {
        Assessment a = flow.start(user.id(), version);
        assertEquals(Assessment.IN_PROGRESS, a.status());
        assertEquals(user.id(), a.userId());
        assertEquals(version, a.version());
        assertEquals(4, a.totalQuestions(), "4 active questions; the inactive one does not count");
        assertEquals(0, a.questionsAnswered());
        assertNotNull(a.startedAt());
        assertNull(a.completedAt());
        assertNull(a.durationSeconds());
        assertEquals(a, assessment(a.id()));
        assertEquals(questions.stream().map(Question::id).toList(), questionSet(a.id()),
                "start records the active question set, in question order");
    }

    /** assessments.question_ids, the set recorded at start (V4). */
    private List<UUID> questionSet(UUID assessmentId) {
        try (var c = db.openConnection(); var ps = c.prepareStatement("SELECT question_ids FROM assessments WHERE id = ?")) {
            ps.setObject(1, assessmentId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                java.sql.Array array = rs.getArray(1);
                return array == null ? null : List.of((UUID[]) array.getArray());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void startForAVersionWithoutActiveQuestionsIsInvalid() {
        String empty = Fixtures.version();
        data.questions().create(new NewQuestion("inactive only", "c", null, 1, null, null, empty, false));
        assertRejected(ValidationException.class, db, "assessments", () -> flow.start(user.id(), empty));
        assertRejected(ValidationException.class, db, "assessments", () -> flow.start(user.id(), Fixtures.version()));
    }

    @Test
    void startForAMissingOrDeletedUserIsNotFound() {
        Fixtures.assertUserGone(db, "assessments", () -> flow.start(UUID.randomUUID(), version));
        User leaving = Fixtures.user(data);
        data.users().softDelete(leaving.id());
        Fixtures.assertUserGone(db, "assessments", () -> flow.start(leaving.id(), version));
    }

    @Test
    void aSoftDeletedUserCanNeitherAnswerNorComplete() {
        User leaving = Fixtures.user(data);
        Assessment a = flow.start(leaving.id(), version);
        flow.answerAll(a.id(), questions.subList(0, 3).stream().map(q -> AnswerInput.likert(q.id(), 3)).toList());
        data.users().softDelete(leaving.id());

        Fixtures.assertUserGone(db, "answers", () -> flow.answer(a.id(), AnswerInput.likert(questions.get(3).id(), 3)));
        Fixtures.assertUserGone(db, "answers",
                () -> flow.answerAll(a.id(), List.of(AnswerInput.likert(questions.get(3).id(), 3))));
        Fixtures.assertUserGone(db, "profiles", () -> flow.complete(a.id(), Fixtures.sumScorer()));
        assertEquals(Assessment.IN_PROGRESS, assessment(a.id()).status());
        assertEquals(3, assessment(a.id()).questionsAnswered());
    }

    @Test
    void answerStoresTheAnswerAndCountsIt() {
        Assessment a = flow.start(user.id(), version);
        Answer answer = flow.answer(a.id(), AnswerInput.likert(questions.get(0).id(), 4, 1500));

        assertNotNull(answer.id());
        assertEquals(a.id(), answer.assessmentId());
        assertEquals(user.id(), answer.userId(), "the answer belongs to the assessment's user");
        assertEquals(questions.get(0).id(), answer.questionId());
        assertEquals(4, answer.value());
        assertEquals(1500, answer.responseTimeMs());
        assertNotNull(answer.createdAt());
        assertEquals(answer, data.answers().findById(answer.id()).orElseThrow());
        assertEquals(1, assessment(a.id()).questionsAnswered());
    }

    @Test
    void answeringTheSameQuestionTwiceKeepsOneRowWithTheSecondValue() {
        Assessment a = flow.start(user.id(), version);
        UUID q = questions.get(0).id();
        flow.answer(a.id(), AnswerInput.likert(q, 2));
        Answer second = flow.answer(a.id(), AnswerInput.likert(q, 5));

        assertEquals(5, second.value());
        assertEquals(1, answerRows(a.id()));
        assertEquals(5, db.count("SELECT value FROM answers WHERE assessment_id = ? AND question_id = ?", a.id(), q));
        assertEquals(1, assessment(a.id()).questionsAnswered());
        List<Answer> listed = data.answers().listByAssessment(a.id(), ALL).items();
        assertEquals(1, listed.size());
        assertEquals(5, listed.get(0).value());
    }

    @Test
    void answerAllSavesEveryAnswerInInputOrder() {
        Assessment a = flow.start(user.id(), version);
        List<AnswerInput> input = List.of(AnswerInput.likert(questions.get(2).id(), 1),
                AnswerInput.likert(questions.get(0).id(), 3), AnswerInput.likert(questions.get(1).id(), 5));
        List<Answer> saved = flow.answerAll(a.id(), input);

        assertEquals(List.of(questions.get(2).id(), questions.get(0).id(), questions.get(1).id()),
                saved.stream().map(Answer::questionId).toList(), "returned in input order");
        assertEquals(List.of(1, 3, 5), saved.stream().map(Answer::value).toList());
        assertEquals(3, assessment(a.id()).questionsAnswered());
        assertEquals(List.of(questions.get(0).id(), questions.get(1).id(), questions.get(2).id()),
                data.answers().listByAssessment(a.id(), ALL).items().stream().map(Answer::questionId).toList(),
                "listByAssessment is in question order");

        flow.answerAll(a.id(), List.of(AnswerInput.likert(questions.get(0).id(), 4), AnswerInput.likert(questions.get(3).id(), 2)));
        assertEquals(4, assessment(a.id()).questionsAnswered(), "re-answers are not counted twice");
        assertEquals(4, answerRows(a.id()));
    }

    @Test
    void textAndMultipleChoiceAnswersRoundTripOneByOneAndInABatch() {
        String mixed = Fixtures.version();
        List<Question> qs = data.questions().createAll(List.of(
                new NewQuestion("Describe yourself", "c", null, 1, Question.TEXT, null, mixed, true),
                new NewQuestion("Pick one", "c", null, 2, Question.MULTIPLE_CHOICE, json("choices", List.of("a", "b")), mixed, true),
                NewQuestion.likert(mixed, 3, "c", null, "Rate"),
                new NewQuestion("Anything else?", "c", null, 4, Question.TEXT, null, mixed, true)));
        UUID option = UUID.randomUUID();
        Assessment a = flow.start(user.id(), mixed);

        Answer text = flow.answer(a.id(), new AnswerInput(qs.get(0).id(), null, null, "Calm, \"direct\", 한국어 ✓", 900));
        assertEquals("Calm, \"direct\", 한국어 ✓", text.textResponse());
        assertNull(text.value());
        assertNull(text.optionId());
        assertEquals("textResponse", assertRejected(ValidationException.class, db, "answers",
                () -> flow.answer(a.id(), new AnswerInput(qs.get(3).id(), 3, null, null, null))).field(), "a text question needs text");
        assertEquals("optionId", assertRejected(ValidationException.class, db, "answers",
                () -> flow.answer(a.id(), new AnswerInput(qs.get(1).id(), null, null, "b", null))).field());

        List<Answer> batch = flow.answerAll(a.id(), List.of(
                new AnswerInput(qs.get(3).id(), null, null, "no", null),
                new AnswerInput(qs.get(1).id(), null, option, null, 1200),
                AnswerInput.likert(qs.get(2).id(), 5)));
        assertEquals("no", batch.get(0).textResponse());
        assertEquals(option, batch.get(1).optionId());
        assertNull(batch.get(1).textResponse());
        assertEquals(1200, batch.get(1).responseTimeMs());
        assertEquals(5, batch.get(2).value());
        assertNull(batch.get(2).optionId());
        assertEquals(4, assessment(a.id()).questionsAnswered());
        assertEquals(List.of(text, batch.get(1), batch.get(2), batch.get(0)), data.answers().listByAssessment(a.id(), ALL).items(),
                "stored as returned, in question order");
        assertEquals(a.id(), flow.complete(a.id(), Fixtures.sumScorer()).assessmentId());
    }

    @Test
    void listByAssessmentPagesBothWaysInQuestionOrder() {
        Assessment a = startAndAnswerAll();
        List<UUID> inOrder = questions.stream().map(Question::id).toList();
        List<UUID> forward = new ArrayList<>();
        Page<Answer> page = data.answers().listByAssessment(a.id(), PageRequest.first(1).withTotal());
        assertEquals(4, page.total().orElseThrow());
        forward.addAll(page.items().stream().map(Answer::questionId).toList());
        while (page.hasNext()) {
            page = data.answers().listByAssessment(a.id(), PageRequest.first(1).after(page.nextCursor().orElseThrow()));
            forward.addAll(page.items().stream().map(Answer::questionId).toList());
        }
        assertEquals(inOrder, forward);
        List<UUID> backward = new ArrayList<>(page.items().stream().map(Answer::questionId).toList());
        while (page.hasPrevious()) {
            page = data.answers().listByAssessment(a.id(), PageRequest.first(1).after(page.previousCursor().orElseThrow()));
            backward.addAll(0, page.items().stream().map(Answer::questionId).toList());
        }
        assertEquals(inOrder, backward, "paging back returns the same rows");
    }

    @Test
    void answerAllWithTheSameQuestionTwiceKeepsOneRow() {
        Assessment a = flow.start(user.id(), version);
        UUID q = questions.get(0).id();
        // The batch is refused as a whole, naming the second occurrence, and writes nothing.
        ValidationException e = assertRejected(ValidationException.class, db, "answers",
                () -> flow.answerAll(a.id(), List.of(AnswerInput.likert(q, 2), AnswerInput.likert(q, 4))));
        assertEquals("answers[1].questionId", e.field());
        assertEquals(0, answerRows(a.id()));
        assertEquals(0, assessment(a.id()).questionsAnswered());
    }

    @Test
    void invalidLikertValueIsRejectedWithoutWriting() {
        Assessment a = flow.start(user.id(), version);
        assertRejected(ValidationException.class, db, "answers", () -> flow.answer(a.id(), AnswerInput.likert(questions.get(0).id(), 6)));
        assertRejected(ValidationException.class, db, "answers", () -> flow.answer(a.id(), new AnswerInput(questions.get(0).id(), null, null, null, null)));
        assertEquals(0, assessment(a.id()).questionsAnswered());
    }

    @Test
    void answeringAQuestionOutsideTheAssessmentsVersionIsRejected() {
        Assessment a = flow.start(user.id(), version);
        Question foreign = Fixtures.likertQuestions(data, Fixtures.version(), 1).get(0);
        ValidationException e = assertRejected(ValidationException.class, db, "answers",
                () -> flow.answer(a.id(), AnswerInput.likert(foreign.id(), 3)));
        assertEquals("questionId", e.field());
        Question inactive = data.questions().create(new NewQuestion("inactive", "c", null, 50, null, null, version, false));
        assertEquals("questionId", assertRejected(ValidationException.class, db, "answers",
                () -> flow.answer(a.id(), AnswerInput.likert(inactive.id(), 3))).field(), "an inactive question is not in the set");
        assertEquals("answers[1].questionId", assertRejected(ValidationException.class, db, "answers",
                () -> flow.answerAll(a.id(), List.of(AnswerInput.likert(questions.get(0).id(), 3),
                        AnswerInput.likert(foreign.id(), 3)))).field());

        NotFoundException unknown = assertRejected(NotFoundException.class, db, "answers",
                () -> flow.answer(a.id(), AnswerInput.likert(UUID.randomUUID(), 3)));
        assertEquals(Entities.QUESTION, unknown.entity());
        assertEquals(0, assessment(a.id()).questionsAnswered());
    }

    @Test
    void theQuestionSetIsFixedAtStart() {
        Assessment a = flow.start(user.id(), version);
        // after start, one question is added to the version and one of the set is deactivated
        Question added = data.questions().create(NewQuestion.likert(version, 5, "c", null, "added after start"));
        data.questions().update(questions.get(3).id(), QuestionUpdate.deactivate());

        assertEquals("questionId", assertRejected(ValidationException.class, db, "answers",
                () -> flow.answer(a.id(), AnswerInput.likert(added.id(), 3))).field(), "a question added later takes no answer");
        flow.answerAll(a.id(), questions.subList(0, 3).stream().map(q -> AnswerInput.likert(q.id(), 3)).toList());
        assertRejected(ConflictException.class, db, "profiles", () -> flow.complete(a.id(), Fixtures.sumScorer()));

        flow.answer(a.id(), AnswerInput.likert(questions.get(3).id(), 3));   // deactivated after start: still in the set
        Profile p = flow.complete(a.id(), Fixtures.sumScorer());
        assertEquals(json("teto", 12, "items", 4), p.dimensions());
        assertEquals(4, assessment(a.id()).totalQuestions());

        Assessment later = flow.start(user.id(), version);
        assertEquals(4, later.totalQuestions(), "a new start takes the version's active set as it is now");
        assertEquals(List.of(questions.get(0).id(), questions.get(1).id(), questions.get(2).id(), added.id()),
                questionSet(later.id()));
    }

    @Test
    void answeringAMissingOrNotStartedAssessmentFails() {
        assertRejected(NotFoundException.class, db, "answers",
                () -> flow.answer(UUID.randomUUID(), AnswerInput.likert(questions.get(0).id(), 3)));
        Assessment draft = data.assessments().create(new NewAssessment(user.id(), version, 4, null, null));
        assertEquals(Assessment.DRAFT, draft.status());
        assertRejected(ConflictException.class, db, "answers",
                () -> flow.answer(draft.id(), AnswerInput.likert(questions.get(0).id(), 3)));
    }

    @Test
    void completeScoresMarksCompletedAndStoresTheProfile() {
        Assessment a = startAndAnswerAll();
        AtomicReference<ScoringInput> seen = new AtomicReference<>();
        Profile profile = flow.complete(a.id(), input -> {
            seen.set(input);
            return Fixtures.sumScorer().score(input);
        });

        ScoringInput input = seen.get();
        assertEquals(a.id(), input.assessment().id());
        assertEquals(questions.stream().map(Question::id).toList(),
                input.items().stream().map(i -> i.question().id()).toList(), "items in question order");
        assertEquals(List.of(5, 4, 3, 2), input.items().stream().map(i -> i.answer().value()).toList());

        assertEquals(user.id(), profile.userId());
        assertEquals(a.id(), profile.assessmentId());
        assertEquals("TETO", profile.personalityType());
        assertEquals("The Teto", profile.typeName());
        assertEquals(json("teto", 14, "items", 4), profile.dimensions());
        assertEquals(List.of("drive", "focus"), profile.strengths());
        assertEquals(profile, data.profiles().findByAssessment(a.id()).orElseThrow());

        Assessment done = assessment(a.id());
        assertEquals(Assessment.COMPLETED, done.status());
        assertNotNull(done.completedAt());
        assertTrue(!done.completedAt().isBefore(done.startedAt()));
        assertNotNull(done.durationSeconds());
        assertTrue(done.durationSeconds() >= 0);
        assertEquals(4, done.questionsAnswered());
    }

    @Test
    void completeBeforeEveryQuestionIsAnsweredIsAConflict() {
        Assessment a = flow.start(user.id(), version);
        flow.answer(a.id(), AnswerInput.likert(questions.get(0).id(), 3));
        assertRejected(ConflictException.class, db, "profiles", () -> flow.complete(a.id(), Fixtures.sumScorer()));
        Assessment still = assessment(a.id());
        assertEquals(Assessment.IN_PROGRESS, still.status());
        assertNull(still.completedAt());
    }

    @Test
    void completeTwiceIsAConflictAndKeepsOneProfile() {
        Assessment a = startAndAnswerAll();
        Profile first = flow.complete(a.id(), Fixtures.sumScorer());
        assertRejected(ConflictException.class, db, "profiles", () -> flow.complete(a.id(), Fixtures.sumScorer()));
        assertEquals(first.id(), data.profiles().findByAssessment(a.id()).orElseThrow().id());
    }

    @Test
    void answeringAfterCompletionIsAConflict() {
        Assessment a = startAndAnswerAll();
        flow.complete(a.id(), Fixtures.sumScorer());
        assertRejected(ConflictException.class, db, "answers", () -> flow.answer(a.id(), AnswerInput.likert(questions.get(0).id(), 1)));
        assertRejected(ConflictException.class, db, "answers",
                () -> flow.answerAll(a.id(), List.of(AnswerInput.likert(questions.get(1).id(), 1))));
        assertEquals(5, db.count("SELECT value FROM answers WHERE assessment_id = ? AND question_id = ?", a.id(), questions.get(0).id()),
                "the completed answer is unchanged");
    }

    @Test
    void anAssessmentStartedBeforeQuestionSetsWereRecordedIsPinnedByItsVersion() {
        // a row as V1-V3 wrote it: no question_ids
        UUID legacy = UUID.randomUUID();
        db.execute("INSERT INTO assessments (id, user_id, status, version, total_questions, started_at) "
                + "VALUES (?, ?, 'in_progress', ?, 4, now())", legacy, user.id(), version);
        assertNull(questionSet(legacy));
        Question foreign = Fixtures.likertQuestions(data, Fixtures.version(), 1).get(0);
        assertEquals("questionId", assertRejected(ValidationException.class, db, "answers",
                () -> flow.answer(legacy, AnswerInput.likert(foreign.id(), 3))).field(), "only the version's active questions");
        flow.answerAll(legacy, questions.subList(0, 3).stream().map(q -> AnswerInput.likert(q.id(), 4)).toList());
        assertRejected(ConflictException.class, db, "profiles", () -> flow.complete(legacy, Fixtures.sumScorer()));
        flow.answer(legacy, AnswerInput.likert(questions.get(3).id(), 4));
        assertEquals(json("teto", 16, "items", 4), flow.complete(legacy, Fixtures.sumScorer()).dimensions());
        assertEquals(4, assessment(legacy).questionsAnswered());
    }

    @Test
    void completeOfAMissingAssessmentIsNotFound() {
        assertEquals(Entities.ASSESSMENT, assertThrows(NotFoundException.class,
                () -> flow.complete(UUID.randomUUID(), Fixtures.sumScorer())).entity());
        assertEquals(Entities.ASSESSMENT, assertThrows(NotFoundException.class,
                () -> flow.answer(UUID.randomUUID(), AnswerInput.likert(questions.get(0).id(), 3))).entity());
    }

    @Test
    void completeWithoutAConfiguredScorerIsAValidationErrorThatChangesNothing() {
        // this class's TetoData has no scorer (@TetoDataTest without one)
        Assessment a = startAndAnswerAll();
        ValidationException e = assertRejected(ValidationException.class, db, "profiles", () -> flow.complete(a.id()));
        assertEquals("scorer", e.field());
        assertEquals(Assessment.IN_PROGRESS, assessment(a.id()).status());
    }

    @Test
    void aScorerThatProducesAnInvalidProfileChangesNothing() {
        Assessment a = startAndAnswerAll();
        assertRejected(ValidationException.class, db, "profiles",
                () -> flow.complete(a.id(), input -> ProfileDraft.of("x".repeat(21), "Too long a type", json())));
        assertEquals(Assessment.IN_PROGRESS, assessment(a.id()).status());
        assertNull(assessment(a.id()).completedAt());
    }

    @Test
    void aScorerThatThrowsChangesNothing() {
        Assessment a = startAndAnswerAll();
        List<Object> thrown = new ArrayList<>();
        RuntimeException boom = new IllegalStateException("scorer failed");
        try {
            flow.complete(a.id(), input -> {
                throw boom;
            });
        } catch (RuntimeException e) {
            thrown.add(e);
        }
        assertEquals(1, thrown.size(), "complete must fail when the scorer fails");
        assertEquals(Assessment.IN_PROGRESS, assessment(a.id()).status());
        assertTrue(data.profiles().findByAssessment(a.id()).isEmpty());
    }
}

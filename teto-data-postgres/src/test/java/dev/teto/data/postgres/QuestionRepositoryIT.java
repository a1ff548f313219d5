package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.QuestionRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.ALL;
import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest
class QuestionRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private QuestionRepository questions;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.questions = data.questions();
    }

    @Test
    void createAppliesDefaultsAndRoundTrips() {
        String v = Fixtures.version();
        Question q = questions.create(new NewQuestion("I like plans", "teto", "drive", 3, null,
                json("scale", 5, "labels", List.of("no", "yes")), v, null));

        assertNotNull(q.id());
        assertEquals("I like plans", q.text());
        assertEquals("teto", q.category());
        assertEquals("drive", q.subcategory());
        assertEquals(3, q.orderIndex());
        assertEquals(Question.LIKERT_SCALE, q.questionType(), "question_type defaults to likert_scale");
        assertTrue(q.active(), "is_active defaults to true");
        assertEquals(v, q.version());
        assertEquals(json("scale", 5, "labels", List.of("no", "yes")), q.options());
        assertNotNull(q.createdAt());
        assertEquals(q, questions.findById(q.id()).orElseThrow());
    }

    @Test
    void createAllReturnsRowsInInputOrder() {
        String v = Fixtures.version();
        List<NewQuestion> input = List.of(
                NewQuestion.likert(v, 2, "c", null, "second"),
                NewQuestion.likert(v, 1, "c", null, "first"),
                new NewQuestion("free text", "c", null, 3, Question.TEXT, null, v, true));
        List<Question> created = questions.createAll(input);

        assertEquals(List.of("second", "first", "free text"), created.stream().map(Question::text).toList());
        assertEquals(3, created.stream().map(Question::id).distinct().count());
        assertEquals(Question.TEXT, created.get(2).questionType());
        assertEquals(3, db.count("SELECT count(*) FROM questions WHERE version = ?", v));
        assertTrue(questions.createAll(List.of()).isEmpty());
    }

    @Test
    void listActiveIsOrderedAndOnlyActiveOfThatVersion() {
        String v = Fixtures.version();
        String otherVersion = Fixtures.version();
        questions.createAll(List.of(
                NewQuestion.likert(v, 3, "c", null, "three"),
                NewQuestion.likert(v, 1, "c", null, "one"),
                new NewQuestion("inactive", "c", null, 2, null, null, v, false),
                NewQuestion.likert(v, 2, "c", null, "two"),
                NewQuestion.likert(otherVersion, 0, "c", null, "other version")));

        assertEquals(List.of("one", "two", "three"), questions.listActive(v, ALL).items().stream().map(Question::text).toList());
        assertTrue(questions.listActive(v, ALL).items().stream().allMatch(q -> q.active() && q.version().equals(v)));
        assertEquals(3, questions.countActive(v));
        assertEquals(1, questions.countActive(otherVersion));
        assertEquals(0, questions.countActive(Fixtures.version()));
        assertTrue(questions.listActive(Fixtures.version(), ALL).items().isEmpty());

        Page<Question> first = questions.listActive(v, PageRequest.first(2).withTotal());
        assertEquals(List.of("one", "two"), first.items().stream().map(Question::text).toList());
        assertEquals(3, first.total().orElseThrow());
        Page<Question> second = questions.listActive(v, PageRequest.first(2).after(first.nextCursor().orElseThrow()));
        assertEquals(List.of("three"), second.items().stream().map(Question::text).toList(), "pages keep the order");
        assertFalse(second.hasNext());
        Page<Question> back = questions.listActive(v, PageRequest.first(2).after(second.previousCursor().orElseThrow()));
        assertEquals(List.of("one", "two"), back.items().stream().map(Question::text).toList(), "and page back");
    }

    @Test
    void listActiveByCategoryAcrossVersions() {
        String category = "cat-" + Fixtures.shortId();
        String v1 = "a-" + Fixtures.shortId();
        String v2 = "b-" + Fixtures.shortId();
        List<Question> created = questions.createAll(List.of(
                NewQuestion.likert(v2, 1, category, null, "v2 #1"),
                NewQuestion.likert(v1, 3, category, null, "v1 #3"),
                NewQuestion.likert(v1, 2, category, null, "v1 #2"),
                new NewQuestion("no order", category, null, null, null, null, v2, true),
                NewQuestion.likert(v2, 2, category, null, "v2 #2"),
                new NewQuestion("inactive", category, null, 0, null, null, v1, false),
                NewQuestion.likert(v1, 0, "other-" + category, null, "other category")));
        // order_index 2 is used twice (v1 #2, v2 #2): those two are ordered by id, as PostgreSQL orders uuids
        // (bytewise, which is the order of their lower-case text; UUID.compareTo compares signed longs).
        String firstOfTwo = created.get(2).id().toString().compareTo(created.get(4).id().toString()) < 0 ? "v1 #2" : "v2 #2";
        String secondOfTwo = firstOfTwo.equals("v1 #2") ? "v2 #2" : "v1 #2";

        List<Question> listed = questions.listActiveByCategory(category, ALL).items();
        assertEquals(List.of("v2 #1", firstOfTwo, secondOfTwo, "v1 #3", "no order"),
                listed.stream().map(Question::text).toList(),
                "both versions, by order_index then id, a null order_index last");
        assertTrue(listed.stream().allMatch(q -> q.active() && q.category().equals(category)));
        assertTrue(questions.listActiveByCategory("cat-" + Fixtures.shortId(), ALL).items().isEmpty());

        // one row per page, across the null order_index, then back again
        List<String> forward = new java.util.ArrayList<>();
        Page<Question> page = questions.listActiveByCategory(category, PageRequest.first(1));
        forward.add(page.items().get(0).text());
        while (page.hasNext()) {
            page = questions.listActiveByCategory(category, PageRequest.first(1).after(page.nextCursor().orElseThrow()));
            page.items().forEach(q -> forward.add(q.text()));
        }
        assertEquals(listed.stream().map(Question::text).toList(), forward);
        List<String> backward = new java.util.ArrayList<>(page.items().stream().map(Question::text).toList());
        while (page.hasPrevious()) {
            page = questions.listActiveByCategory(category, PageRequest.first(1).after(page.previousCursor().orElseThrow()));
            page.items().forEach(q -> backward.add(0, q.text()));
        }
        assertEquals(forward, backward);
    }

    @Test
    void updateChangesOnlyGivenFieldsAndBumpsUpdatedAt() {
        String v = Fixtures.version();
        Question q = questions.create(NewQuestion.likert(v, 1, "c", "s", "old text"));

        Question updated = questions.update(q.id(), new QuestionUpdate("new text", null, null, 5, null, json("k", "v"), null));
        assertEquals("new text", updated.text());
        assertEquals("c", updated.category());
        assertEquals("s", updated.subcategory());
        assertEquals(5, updated.orderIndex());
        assertEquals(json("k", "v"), updated.options());
        assertTrue(updated.active());
        assertEquals(v, updated.version());
        assertTrue(updated.updatedAt().isAfter(q.updatedAt()));
        assertEquals(updated, questions.findById(q.id()).orElseThrow());
    }

    @Test
    void deactivateRemovesFromActiveSetAndReactivateBringsItBack() {
        String v = Fixtures.version();
        List<Question> qs = Fixtures.likertQuestions(data, v, 3);
        Question deactivated = questions.update(qs.get(1).id(), QuestionUpdate.deactivate());

        assertFalse(deactivated.active());
        assertEquals(2, questions.countActive(v));
        assertEquals(List.of(qs.get(0).id(), qs.get(2).id()), questions.listActive(v, ALL).items().stream().map(Question::id).toList());
        assertTrue(questions.findById(qs.get(1).id()).isPresent(), "deactivated questions still exist");

        questions.update(qs.get(1).id(), new QuestionUpdate(null, null, null, null, null, null, true));
        assertEquals(3, questions.countActive(v));
    }

    @Test
    void updateOfUnknownQuestionIsNotFound() {
        assertThrows(NotFoundException.class, () -> questions.update(UUID.randomUUID(), QuestionUpdate.deactivate()));
        assertTrue(questions.findById(UUID.randomUUID()).isEmpty());
    }
}

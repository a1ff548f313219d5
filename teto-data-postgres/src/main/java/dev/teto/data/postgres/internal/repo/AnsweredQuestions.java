package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Answers beside their questions, in question order: what completion and re-scoring hand the scorer. */
final class AnsweredQuestions {
    private static final RecordRowMapper<Question> QUESTION_BESIDE =
            RecordRowMapper.of(Question.class).column("active", "is_active").prefixed("q_");

    private AnsweredQuestions() {
    }

    /** One assessment's (completion): one join, one round trip. */
    static List<ScoringInput.Item> ofOne(Handle h, UUID assessmentId) {
        return h.createQuery("""
                        SELECT a.*, q.id AS q_id, q.text AS q_text, q.category AS q_category,
                               q.subcategory AS q_subcategory, q.order_index AS q_order_index,
                               q.question_type AS q_question_type, q.options AS q_options, q.version AS q_version,
                               q.is_active AS q_is_active, q.created_at AS q_created_at, q.updated_at AS q_updated_at
                        FROM answers a JOIN questions q ON q.id = a.question_id
                        WHERE a.assessment_id = :id
                        ORDER BY q.order_index NULLS LAST, q.id""")
                .bind("id", assessmentId)
                .map((rs, ctx) -> new ScoringInput.Item(QUESTION_BESIDE.map(rs, ctx),
                        JdbiAnswerRepository.MAPPER.map(rs, ctx)))
                .list();
    }

    private static final DirectStatement ANSWERS_OF = DirectStatement.of("""
            SELECT id, user_id, assessment_id, question_id, option_id, value, text_response, response_time_ms,
                   created_at
            FROM answers WHERE assessment_id = ANY(:ids)""", Map.of("ids", UUID[].class));
    private static final DirectStatement QUESTIONS_OF = DirectStatement.of(
            "SELECT * FROM questions WHERE id = ANY(:ids)", Map.of("ids", UUID[].class));

    /**
     * A batch's (re-scoring): the answers alone, then the batch's few distinct questions once. Joined, every question's
     * columns would repeat on each of the batch's thousands of answer rows, and decoding those was most of a batch's
     * cost. Every assessment asked for is a key, with an empty list when it has no answers; items in the join's order.
     */
    static Map<UUID, List<ScoringInput.Item>> ofMany(Handle h, Collection<UUID> assessmentIds) {
        List<Answer> answers = ANSWERS_OF.query(h, name -> assessmentIds.toArray(UUID[]::new), rs -> {
            List<Answer> read = new ArrayList<>(assessmentIds.size() * 28);
            while (rs.next()) {
                read.add(answerAt(rs));
            }
            return read;
        });
        Set<UUID> questionIds = new HashSet<>();
        answers.forEach(a -> questionIds.add(a.questionId()));
        List<Question> questions = QUESTIONS_OF.query(h, name -> questionIds.toArray(UUID[]::new), rs -> {
            List<Question> read = new ArrayList<>(questionIds.size());
            while (rs.next()) {
                read.add(JdbiQuestionRepository.MAPPER.map(rs, null));
            }
            return read;
        });
        // The join's order, ranked once for the batch's few questions rather than compared on every sort step.
        questions.sort(JOIN_ORDER);
        Map<UUID, Question> byId = new HashMap<>();
        Map<UUID, Integer> rank = new HashMap<>();
        for (Question q : questions) {
            byId.put(q.id(), q);
            rank.put(q.id(), rank.size());
        }
        Map<UUID, List<ScoringInput.Item>> byAssessment = new LinkedHashMap<>();
        assessmentIds.forEach(id -> byAssessment.put(id, new ArrayList<>()));
        for (Answer answer : answers) {
            byAssessment.get(answer.assessmentId()).add(new ScoringInput.Item(byId.get(answer.questionId()), answer));
        }
        Comparator<ScoringInput.Item> byRank = Comparator.comparingInt(item -> rank.get(item.question().id()));
        byAssessment.values().forEach(items -> items.sort(byRank));
        return byAssessment;
    }

    /**
     * {@link #ANSWERS_OF}'s row by position: a batch maps thousands, and the general mapper's look-up of every column
     * by name and reflective construction were most of the re-scoring thread's own CPU.
     */
    private static Answer answerAt(ResultSet rs) throws SQLException {
        OffsetDateTime created = rs.getObject(9, OffsetDateTime.class);
        return new Answer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getObject(6, Integer.class),
                rs.getString(7), rs.getObject(8, Integer.class), created == null ? null : created.toInstant());
    }

    /**
     * {@link #ofOne}'s {@code ORDER BY q.order_index NULLS LAST, q.id}: PostgreSQL orders uuids by their bytes,
     * unsigned, which is the order of their lower-case text, not {@link UUID#compareTo}'s signed one.
     */
    static final Comparator<Question> JOIN_ORDER = Comparator
            .comparing(Question::orderIndex, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Question::id, (a, b) -> {
                int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            });
}

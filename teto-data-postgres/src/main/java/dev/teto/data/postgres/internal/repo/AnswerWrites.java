package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.spi.AssessmentStore.SavedAnswer;
import dev.teto.data.postgres.internal.mapping.Rows;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer upserts. Callers hold the assessment's row lock, which is what keeps the count exact.
 *
 * <p>Each write is one statement: a CTE upserts the answers and bumps {@code questions_answered} by the number of
 * rows that were new ({@code xmax = 0} marks a freshly inserted row version; an ON CONFLICT update leaves it
 * non-zero), and sets their bits in {@code answered_mask} (V11); every statement that writes answers must. A batch
 * sends its answers as arrays through {@code unnest}, so 28 answers cost one round trip.
 */
final class AnswerWrites {
    static final String ON_CONFLICT = """
            ON CONFLICT ON CONSTRAINT uq_answers_assessment_question DO UPDATE SET
                option_id = EXCLUDED.option_id,
                value = EXCLUDED.value,
                text_response = EXCLUDED.text_response,
                response_time_ms = EXCLUDED.response_time_ms,
                created_at = CURRENT_TIMESTAMP
            RETURNING *, (xmax = 0) AS inserted
            """;
    private static final String COUNT_NEW_ROWS = """
            ), counted AS (
                UPDATE assessments
                SET questions_answered = questions_answered + (SELECT count(*) FROM upserted WHERE inserted),
                    answered_mask = answered_after(answered_mask, id, """ + questionSet("") + """
            , ARRAY(SELECT question_id FROM upserted))
                WHERE id = :assessmentId
            )
            SELECT * FROM upserted""";
    /**
     * The first question of the set without an answer, from the {@code answered_mask} (V11) a statement's
     * {@code counted} CTE returned with the set: the first 0 bit. Out of range (every bit set) or a NULL mask (no
     * set) gives NULL.
     */
    static final String CURRENT_QUESTION =
            "counted.question_set[position('0' IN CAST(counted.answered_mask AS text))]";

    /**
     * An assessment's question set: the recorded one, or for a row from before V4 (none recorded) the version's
     * active questions now (docs/schema-deviations.md, "V4"). {@code alias} qualifies the columns ("a." or "").
     */
    static String questionSet(String alias) {
        return "COALESCE(" + alias + "question_ids, version_question_set(" + alias + "version))";
    }

    /**
     * One answer, and the progress after it in the same round trip: the count and the answered-question mask from
     * the assessments update, whose first 0 bit is the current question. No read of the answers (V11).
     */
    private static final String UPSERT_ONE = """
            WITH upserted AS (
                INSERT INTO answers (user_id, assessment_id, question_id, option_id, value, text_response, response_time_ms)
                VALUES (:userId, :assessmentId, :questionId, :optionId, :value, :textResponse, :responseTimeMs)
            """ + ON_CONFLICT + """
            ), counted AS (
                UPDATE assessments
                SET questions_answered = questions_answered + (SELECT count(*) FROM upserted WHERE inserted),
                    answered_mask = answered_after(answered_mask, id, """ + questionSet("") + """
            , ARRAY[CAST(:questionId AS uuid)])
                WHERE id = :assessmentId
                RETURNING questions_answered, """ + questionSet("") + """
             AS question_set, answered_mask
            )
            SELECT upserted.*, counted.questions_answered AS progress_answered,
                   """ + CURRENT_QUESTION + """
             AS progress_current_question
            FROM upserted, counted""";
    private static final String UPSERT_MANY = """
            WITH upserted AS (
                INSERT INTO answers (user_id, assessment_id, question_id, option_id, value, text_response, response_time_ms)
                SELECT :userId, :assessmentId, t.question_id, t.option_id, t.value, t.text_response, t.response_time_ms
                FROM unnest(CAST(:questionIds AS uuid[]), CAST(:optionIds AS uuid[]), CAST(:values AS integer[]),
                            CAST(:textResponses AS text[]), CAST(:responseTimes AS integer[]))
                     AS t(question_id, option_id, value, text_response, response_time_ms)
            """ + ON_CONFLICT + COUNT_NEW_ROWS;

    private AnswerWrites() {
    }

    /** Every answer's write: on plain JDBC ({@link DirectStatement}). */
    private static final DirectStatement UPSERT_ONE_DIRECT = DirectStatement.of(UPSERT_ONE, Map.of(
            "userId", UUID.class, "assessmentId", UUID.class, "questionId", UUID.class, "optionId", UUID.class,
            "value", Integer.class, "textResponse", String.class, "responseTimeMs", Integer.class));

    static SavedAnswer upsert(Handle h, Assessment assessment, AnswerInput input) {
        return UPSERT_ONE_DIRECT.query(h, name -> switch (name) {
            case "userId" -> assessment.userId();
            case "assessmentId" -> assessment.id();
            case "questionId" -> input.questionId();
            case "optionId" -> input.optionId();
            case "value" -> input.value();
            case "textResponse" -> input.textResponse();
            default -> input.responseTimeMs();
        }, rs -> {
            if (!rs.next()) {
                throw new IllegalStateException("the answer upsert returned no row");
            }
            return new SavedAnswer(JdbiAnswerRepository.MAPPER.map(rs, null),
                    new AssessmentProgress(assessment.id(), rs.getInt("progress_answered"),
                            Rows.uuid(rs, "progress_current_question")));
        });
    }

    /** {@code answerAll}'s write, on plain JDBC like the single answer's: each column as a text array, cast in SQL. */
    private static final DirectStatement UPSERT_MANY_DIRECT = DirectStatement.of(UPSERT_MANY, Map.of(
            "userId", UUID.class, "assessmentId", UUID.class, "questionIds", String[].class,
            "optionIds", String[].class, "values", String[].class, "textResponses", String[].class,
            "responseTimes", String[].class));

    /** Returns the stored answers in input order. Question ids must be distinct (core checks). */
    static List<Answer> upsertAll(Handle h, Assessment assessment, List<AnswerInput> inputs) {
        return UPSERT_MANY_DIRECT.query(h, name -> switch (name) {
            case "userId" -> assessment.userId();
            case "assessmentId" -> assessment.id();
            default -> answerColumn(inputs, name);
        }, rs -> {
            Map<UUID, Answer> byQuestion = new HashMap<>();
            while (rs.next()) {
                Answer answer = JdbiAnswerRepository.MAPPER.map(rs, null);
                byQuestion.put(answer.questionId(), answer);
            }
            return inputs.stream().map(input -> byQuestion.get(input.questionId())).toList();
        });
    }

    /**
     * The answer column a statement that unnests them side by side names {@code parameter}: {@code :questionIds},
     * {@code :optionIds}, {@code :values}, {@code :textResponses} or {@code :responseTimes}, as text (cast in SQL).
     */
    static List<String> answerColumn(List<AnswerInput> inputs, String parameter) {
        return switch (parameter) {
            case "questionIds" -> DirectStatement.texts(inputs, AnswerInput::questionId);
            case "optionIds" -> DirectStatement.texts(inputs, AnswerInput::optionId);
            case "values" -> DirectStatement.texts(inputs, AnswerInput::value);
            case "textResponses" -> DirectStatement.texts(inputs, AnswerInput::textResponse);
            case "responseTimes" -> DirectStatement.texts(inputs, AnswerInput::responseTimeMs);
            default -> throw new IllegalArgumentException("no answer column for parameter " + parameter);
        };
    }
}

package dev.teto.data.postgres;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer upserts. Callers hold the assessment's row lock, which is what keeps the count exact. */
final class AnswerWrites {
    private static final String UPSERT = """
            INSERT INTO answers (user_id, assessment_id, question_id, option_id, value, text_response, response_time_ms)
            VALUES (:userId, :assessmentId, :questionId, :optionId, :value, :textResponse, :responseTimeMs)
            ON CONFLICT ON CONSTRAINT uq_answers_assessment_question DO UPDATE SET
                option_id = EXCLUDED.option_id,
                value = EXCLUDED.value,
                text_response = EXCLUDED.text_response,
                response_time_ms = EXCLUDED.response_time_ms,
                created_at = CURRENT_TIMESTAMP""";

    record Upserted(Answer answer, boolean inserted) {
    }

    private AnswerWrites() {
    }

    static Upserted upsert(Handle h, Assessment assessment, AnswerInput input) {
        // xmax is 0 on a freshly inserted row version and non-zero when ON CONFLICT updated an existing one.
        return bind(h.createQuery(UPSERT + " RETURNING *, (xmax = 0) AS inserted"), assessment, input)
                .map((rs, ctx) -> new Upserted(JdbiAnswerRepository.MAPPER.map(rs, ctx), rs.getBoolean("inserted")))
                .one();
    }

    static void addAnswered(Handle h, UUID assessmentId, int added) {
        h.createUpdate("UPDATE assessments SET questions_answered = questions_answered + :added WHERE id = :id")
                .bind("added", added)
                .bind("id", assessmentId)
                .execute();
    }

    /** One batch for the answers, one statement to recount; returns the stored answers in input order. */
    static List<Answer> upsertAll(Handle h, Assessment assessment, List<AnswerInput> inputs) {
        PreparedBatch batch = h.prepareBatch(UPSERT);
        List<UUID> questionIds = new ArrayList<>(inputs.size());
        for (AnswerInput input : inputs) {
            bind(batch, assessment, input).add();
            questionIds.add(input.questionId());
        }
        batch.execute();
        h.createUpdate("""
                        UPDATE assessments
                        SET questions_answered = (SELECT count(*) FROM answers WHERE assessment_id = :id)
                        WHERE id = :id""")
                .bind("id", assessment.id())
                .execute();
        Map<UUID, Answer> byQuestion = new HashMap<>();
        h.createQuery("SELECT * FROM answers WHERE assessment_id = :id AND question_id = ANY(:questionIds)")
                .bind("id", assessment.id())
                .bindArray("questionIds", UUID.class, questionIds)
                .map(JdbiAnswerRepository.MAPPER)
                .forEach(a -> byQuestion.put(a.questionId(), a));
        List<Answer> ordered = new ArrayList<>(inputs.size());
        questionIds.forEach(id -> ordered.add(byQuestion.get(id)));
        return ordered;
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Assessment assessment, AnswerInput input) {
        return statement
                .bind("userId", assessment.userId())
                .bind("assessmentId", assessment.id())
                .bind("questionId", input.questionId())
                .bind("optionId", input.optionId())
                .bind("value", input.value())
                .bind("textResponse", input.textResponse())
                .bind("responseTimeMs", input.responseTimeMs());
    }
}

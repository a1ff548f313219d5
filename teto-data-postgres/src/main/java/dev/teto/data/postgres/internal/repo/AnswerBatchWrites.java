package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.spi.AssessmentStore.AnswerTarget;
import dev.teto.data.api.spi.AssessmentStore.AnswerWrite;
import dev.teto.data.api.spi.AssessmentStore.LockedForAnswer;
import dev.teto.data.api.spi.AssessmentStore.SavedAnswer;
import dev.teto.data.postgres.internal.mapping.Rows;
import dev.teto.data.postgres.internal.tx.PgTransactionalStore;
import org.jdbi.v3.core.Handle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A group commit's locks and writes, one statement each whatever the batch's size: per answer, the two statements
 * of the single path cost more in round trips and executor start-up than in the work itself. Callers run both in
 * one transaction, the lock first.
 */
final class AnswerBatchWrites {
    /** {@code ORDER BY a.id} sorts below the row locks, so every batch locks its rows in one global order. */
    private static final String LOCK = PgAssessmentStore.lockedForAnswerColumns("t.question_id") + """
            , t.n
            FROM unnest(CAST(:assessmentIds AS uuid[]), CAST(:questionIds AS uuid[]))
                 WITH ORDINALITY AS t(assessment_id, question_id, n)
            JOIN assessments a ON a.id = t.assessment_id
            JOIN users u ON u.id = a.user_id
            ORDER BY a.id
            FOR UPDATE OF a""";

    /**
     * As the single upsert, for many assessments: each assessment's count grows by its rows that were new, its mask
     * gains the batch's questions, and each row comes back with its assessment's progress after the whole batch.
     */
    private static final String UPSERT = """
            WITH input AS (
                SELECT * FROM unnest(CAST(:userIds AS uuid[]), CAST(:assessmentIds AS uuid[]),
                                     CAST(:questionIds AS uuid[]), CAST(:optionIds AS uuid[]),
                                     CAST(:values AS integer[]), CAST(:textResponses AS text[]),
                                     CAST(:responseTimes AS integer[]))
                    AS t(user_id, assessment_id, question_id, option_id, value, text_response, response_time_ms)
            ), upserted AS (
                INSERT INTO answers (user_id, assessment_id, question_id, option_id, value, text_response, response_time_ms)
                SELECT user_id, assessment_id, question_id, option_id, value, text_response, response_time_ms FROM input
            """ + AnswerWrites.ON_CONFLICT + """
            ), counted AS (
                UPDATE assessments a SET questions_answered = a.questions_answered + n.added,
                    answered_mask = answered_after(a.answered_mask, a.id, """ + AnswerWrites.questionSet("a.") + """
            , n.questions)
                FROM (SELECT assessment_id, count(*) FILTER (WHERE inserted) AS added,
                             array_agg(question_id) AS questions
                      FROM upserted GROUP BY assessment_id) n
                WHERE a.id = n.assessment_id
                RETURNING a.id, a.questions_answered, """ + AnswerWrites.questionSet("a.") + """
             AS question_set, a.answered_mask
            )
            SELECT upserted.*, counted.questions_answered AS progress_answered,
                   """ + AnswerWrites.CURRENT_QUESTION + """
             AS progress_current_question
            FROM upserted JOIN counted ON counted.id = upserted.assessment_id""";

    private static final DirectStatement GENERIC_PLANS = DirectStatement.of(
            "SELECT true" + PgTransactionalStore.GENERIC_PLANS, Map.of());
    private static final DirectStatement LOCK_DIRECT = DirectStatement.of(LOCK,
            Map.of("assessmentIds", String[].class, "questionIds", String[].class));
    private static final DirectStatement UPSERT_DIRECT = DirectStatement.of(UPSERT, Map.of(
            "userIds", String[].class, "assessmentIds", String[].class, "questionIds", String[].class,
            "optionIds", String[].class, "values", String[].class, "textResponses", String[].class,
            "responseTimes", String[].class));

    private AnswerBatchWrites() {
    }

    static List<Optional<LockedForAnswer>> lock(Handle h, List<AnswerTarget> targets) {
        LockedForAnswer[] found = new LockedForAnswer[targets.size()];
        // Generic plans before the lock too: its arrays' lengths made PostgreSQL plan it afresh for most batches
        // (4,225 plans in 5,897 calls at 32 threads, 0.3 ms each); one small statement costs less than that.
        GENERIC_PLANS.query(h, name -> null, rs -> null);
        LOCK_DIRECT.query(h, name -> "assessmentIds".equals(name)
                ? DirectStatement.texts(targets, AnswerTarget::assessmentId)
                : DirectStatement.texts(targets, AnswerTarget::questionId), rs -> {
                    while (rs.next()) {
                        found[(int) rs.getLong("n") - 1] = PgAssessmentStore.LOCKED_FOR_ANSWER.map(rs, null);
                    }
                    return null;
                });
        return Arrays.stream(found).map(Optional::ofNullable).toList();
    }

    static List<SavedAnswer> upsert(Handle h, List<AnswerWrite> writes) {
        int n = writes.size();
        List<AnswerInput> inputs = writes.stream().map(AnswerWrite::input).toList();
        Map<AnswerTarget, Integer> position = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (position.put(new AnswerTarget(writes.get(i).assessment().id(), inputs.get(i).questionId()), i) != null) {
                throw new IllegalArgumentException("writes[" + i + "]: a batch answers a question of an assessment once");
            }
        }
        SavedAnswer[] saved = new SavedAnswer[n];
        UPSERT_DIRECT.query(h, name -> switch (name) {
            case "userIds" -> DirectStatement.texts(writes, w -> w.assessment().userId());
            case "assessmentIds" -> DirectStatement.texts(writes, w -> w.assessment().id());
            default -> AnswerWrites.answerColumn(inputs, name);
        }, rs -> {
            while (rs.next()) {
                var answer = JdbiAnswerRepository.MAPPER.map(rs, null);
                saved[position.get(new AnswerTarget(answer.assessmentId(), answer.questionId()))] =
                        new SavedAnswer(answer, new AssessmentProgress(answer.assessmentId(),
                                rs.getInt("progress_answered"), Rows.uuid(rs, "progress_current_question")));
            }
            return null;
        });
        return Arrays.asList(saved);
    }
}

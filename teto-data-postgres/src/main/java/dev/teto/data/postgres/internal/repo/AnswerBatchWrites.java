package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.spi.AssessmentStore.AnswerTarget;
import dev.teto.data.api.spi.AssessmentStore.AnswerWrite;
import dev.teto.data.api.spi.AssessmentStore.LockedForAnswer;
import dev.teto.data.api.spi.AssessmentStore.SavedAnswer;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;
import dev.teto.data.postgres.internal.mapping.Rows;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
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
    private static final RecordRowMapper<LockedForAnswer> LOCKED_FOR_ANSWER = RecordRowMapper.of(LockedForAnswer.class);

    /** {@code ORDER BY a.id} sorts below the row locks, so every batch locks its rows in one global order. */
    private static final String LOCK = """
            SELECT t.n, a.id, a.user_id, a.status, a.version, a.started_at, a.completed_at, a.duration_seconds,
                   a.questions_answered, a.total_questions, a.metadata, a.created_at, a.updated_at,
                   CASE WHEN a.question_ids IS NULL THEN NULL
                        ELSE t.question_id = ANY(a.question_ids) END AS question_in_set,
                   (u.deleted_at IS NULL) AS owner_live
            FROM unnest(CAST(:assessmentIds AS uuid[]), CAST(:questionIds AS uuid[]))
                 WITH ORDINALITY AS t(assessment_id, question_id, n)
            JOIN assessments a ON a.id = t.assessment_id
            JOIN users u ON u.id = a.user_id
            ORDER BY a.id
            FOR UPDATE OF a""";

    /**
     * As the single upsert, for many assessments: each assessment's count grows by its rows that were new, and each
     * row comes back with its assessment's progress after the whole batch. The statement's snapshot does not see its
     * own inserts, hence the batch's questions are excluded from the current question by hand.
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
                UPDATE assessments a SET questions_answered = a.questions_answered + n.added
                FROM (SELECT assessment_id, count(*) FILTER (WHERE inserted) AS added
                      FROM upserted GROUP BY assessment_id) n
                WHERE a.id = n.assessment_id
                RETURNING a.id, a.questions_answered, a.question_ids
            )
            SELECT upserted.*, counted.questions_answered AS progress_answered,
                   (SELECT s.q FROM unnest(counted.question_ids) WITH ORDINALITY AS s(q, n)
                    WHERE NOT s.q = ANY (ARRAY(SELECT i.question_id FROM input i WHERE i.assessment_id = counted.id))
                      AND NOT s.q = ANY (ARRAY(SELECT r.question_id FROM answers r WHERE r.assessment_id = counted.id))
                    ORDER BY s.n LIMIT 1) AS progress_current_question
            FROM upserted JOIN counted ON counted.id = upserted.assessment_id""";

    private AnswerBatchWrites() {
    }

    static List<Optional<LockedForAnswer>> lock(Handle h, List<AnswerTarget> targets) {
        LockedForAnswer[] found = new LockedForAnswer[targets.size()];
        h.createQuery(LOCK)
                .bindArray("assessmentIds", UUID.class, targets.stream().map(AnswerTarget::assessmentId).toList())
                .bindArray("questionIds", UUID.class, targets.stream().map(AnswerTarget::questionId).toList())
                .map((rs, ctx) -> {
                    found[(int) rs.getLong("n") - 1] = LOCKED_FOR_ANSWER.map(rs, ctx);
                    return Boolean.TRUE;
                })
                .forEach(row -> { });
        return Arrays.stream(found).map(Optional::ofNullable).toList();
    }

    static List<SavedAnswer> upsert(Handle h, List<AnswerWrite> writes) {
        int n = writes.size();
        List<UUID> userIds = new ArrayList<>(n);
        List<UUID> assessmentIds = new ArrayList<>(n);
        List<UUID> questionIds = new ArrayList<>(n);
        List<UUID> optionIds = new ArrayList<>(n);
        List<Integer> values = new ArrayList<>(n);
        List<String> textResponses = new ArrayList<>(n);
        List<Integer> responseTimes = new ArrayList<>(n);
        Map<AnswerTarget, Integer> position = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            AnswerWrite write = writes.get(i);
            AnswerInput input = write.input();
            userIds.add(write.assessment().userId());
            assessmentIds.add(write.assessment().id());
            questionIds.add(input.questionId());
            optionIds.add(input.optionId());
            values.add(input.value());
            textResponses.add(input.textResponse());
            responseTimes.add(input.responseTimeMs());
            if (position.put(new AnswerTarget(write.assessment().id(), input.questionId()), i) != null) {
                throw new IllegalArgumentException("writes[" + i + "]: a batch answers a question of an assessment once");
            }
        }
        SavedAnswer[] saved = new SavedAnswer[n];
        h.createQuery(UPSERT)
                .bindArray("userIds", UUID.class, userIds)
                .bindArray("assessmentIds", UUID.class, assessmentIds)
                .bindArray("questionIds", UUID.class, questionIds)
                .bindArray("optionIds", UUID.class, optionIds)
                .bindArray("values", Integer.class, values)
                .bindArray("textResponses", String.class, textResponses)
                .bindArray("responseTimes", Integer.class, responseTimes)
                .map((rs, ctx) -> {
                    var answer = JdbiAnswerRepository.MAPPER.map(rs, ctx);
                    saved[position.get(new AnswerTarget(answer.assessmentId(), answer.questionId()))] =
                            new SavedAnswer(answer, new AssessmentProgress(answer.assessmentId(),
                                    rs.getInt("progress_answered"), Rows.uuid(rs, "progress_current_question")));
                    return Boolean.TRUE;
                })
                .forEach(row -> { });
        return Arrays.asList(saved);
    }
}

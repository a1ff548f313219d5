package dev.teto.data.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.api.model.ProfileDraft;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The raw JDBC baseline for completion: what {@code assessmentFlow().complete(id)} does, written by hand on
 * {@link RawJdbc}'s single connection, one transaction per assessment:
 *
 * <ol>
 *   <li>lock the assessment ({@link RawJdbc#LOCK_ASSESSMENT}: {@code FOR UPDATE}, in progress, owner not deleted,
 *       its recorded question set);</li>
 *   <li>read its answers with each question's category, in question order (one query: {@code answers JOIN
 *       questions});</li>
 *   <li>check that every question of the set has an answer;</li>
 *   <li>score with {@link TrivialScorer}, the rule the SDK's scorer applies;</li>
 *   <li>{@code UPDATE assessments SET status = 'completed', completed_at, duration_seconds ... RETURNING
 *       completed_at, duration_seconds};</li>
 *   <li>{@code INSERT INTO profiles ... RETURNING id};</li>
 *   <li>with the outbox ({@link #withOutbox()}): build the {@code assessment.completed} payload (every answer's
 *       question id, value, option id and response time) and the {@code profile.created} payload as the SDK does
 *       (same keys, same order, ids as strings, times as ISO-8601 UTC, written with Jackson), and insert both rows
 *       into {@code outbox} in one two-row {@code INSERT ... VALUES (...), (...)}, just before COMMIT;</li>
 *   <li>COMMIT.</li>
 * </ol>
 * {@link #withoutOutbox()} skips step 7 only (payloads and insert), so the difference between the two is what the
 * outbox costs per completion.
 */
final class RawJdbcCompletion {

    static final String READ_ANSWERS =
            "SELECT a.question_id, a.value, a.option_id, a.response_time_ms, q.category"
            + " FROM answers a JOIN questions q ON q.id = a.question_id"
            + " WHERE a.assessment_id = ? ORDER BY q.order_index NULLS LAST, q.id";
    static final String ACTIVE_QUESTION_IDS = "SELECT id FROM questions WHERE version = ? AND is_active";
    static final String MARK_COMPLETED =
            "UPDATE assessments SET status = 'completed', completed_at = CURRENT_TIMESTAMP,"
            + " duration_seconds = GREATEST(0, EXTRACT(EPOCH FROM CURRENT_TIMESTAMP"
            + " - COALESCE(started_at, created_at)))::integer"
            + " WHERE id = ? RETURNING completed_at, duration_seconds";
    static final String INSERT_PROFILE =
            "INSERT INTO profiles (user_id, assessment_id, personality_type, type_name, dimensions, scorer_name,"
            + " scorer_version) VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?) RETURNING id";
    static final String INSERT_EVENTS =
            "INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, event_version, payload, actor,"
            + " occurred_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?), (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)";

    static final String ASSESSMENT_COMPLETED = "assessment.completed";
    static final String PROFILE_CREATED = "profile.created";
    private static final String AGGREGATE_USER = "user";
    private static final int EVENT_VERSION = 1;
    /** The label the SDK's facade ({@code Actor.NONE}) writes. */
    private static final String ACTOR = "none";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawJdbc raw;
    private final Connection connection;

    RawJdbcCompletion(RawJdbc raw) {
        this.raw = raw;
        this.connection = raw.connection();
    }

    Variant withOutbox() {
        return variant("raw jdbc + outbox", true);
    }

    Variant withoutOutbox() {
        return variant("raw jdbc, no outbox", false);
    }

    private Variant variant(String name, boolean outbox) {
        return new Variant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(List<Workload> workloads) {
                for (Workload w : workloads) {
                    raw.inTransaction(() -> complete(w.assessmentId(), outbox));
                }
            }
        };
    }

    /** One stored answer with its question's category, as the completion reads it. */
    private record StoredAnswer(UUID questionId, Integer value, UUID optionId, Integer responseTimeMs,
            String category) {
    }

    void complete(UUID assessmentId, boolean outbox) throws SQLException {
        RawJdbc.Locked assessment = raw.lockInProgress(assessmentId);
        List<StoredAnswer> answers = readAnswers(assessmentId);
        requireEveryQuestionAnswered(assessment, answers);

        List<TrivialScorer.Scored> scored = new ArrayList<>(answers.size());
        answers.forEach(a -> scored.add(new TrivialScorer.Scored(a.category(), a.value())));
        ProfileDraft draft = TrivialScorer.score(scored);

        OffsetDateTime completedAt;
        Integer durationSeconds;
        try (PreparedStatement ps = connection.prepareStatement(MARK_COMPLETED)) {
            ps.setObject(1, assessmentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                completedAt = rs.getObject("completed_at", OffsetDateTime.class);
                durationSeconds = rs.getObject("duration_seconds", Integer.class);
            }
        }
        UUID profileId;
        try (PreparedStatement ps = connection.prepareStatement(INSERT_PROFILE)) {
            ps.setObject(1, assessment.userId());
            ps.setObject(2, assessmentId);
            ps.setString(3, draft.personalityType());
            ps.setString(4, draft.typeName());
            ps.setString(5, json(draft.dimensions()));
            ps.setString(6, TrivialScorer.NAME);
            ps.setString(7, TrivialScorer.VERSION);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                profileId = rs.getObject(1, UUID.class);
            }
        }
        if (outbox) {
            insertEvents(assessment, completedAt, durationSeconds, answers, profileId, draft);
        }
    }

    private List<StoredAnswer> readAnswers(UUID assessmentId) throws SQLException {
        List<StoredAnswer> answers = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(READ_ANSWERS)) {
            ps.setObject(1, assessmentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    answers.add(new StoredAnswer(rs.getObject(1, UUID.class), rs.getObject(2, Integer.class),
                            rs.getObject(3, UUID.class), rs.getObject(4, Integer.class), rs.getString(5)));
                }
            }
        }
        return answers;
    }

    /** Every question of the recorded set (for a row without one: the version's active questions) has an answer. */
    private void requireEveryQuestionAnswered(RawJdbc.Locked assessment, List<StoredAnswer> answers)
            throws SQLException {
        List<UUID> questionSet = assessment.questionIds() != null
                ? assessment.questionIds()
                : activeQuestionIds(assessment.version());
        if (questionSet.isEmpty()) {
            throw new IllegalStateException("raw JDBC: assessment " + assessment.id() + " has no question set");
        }
        Set<UUID> answered = new HashSet<>();
        answers.forEach(a -> answered.add(a.questionId()));
        long missing = questionSet.stream().filter(q -> !answered.contains(q)).count();
        if (missing > 0) {
            throw new IllegalStateException("raw JDBC: assessment " + assessment.id() + " has " + missing + " of "
                    + questionSet.size() + " questions unanswered");
        }
    }

    private List<UUID> activeQuestionIds(String version) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(ACTIVE_QUESTION_IDS)) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Both events in one two-row INSERT, payloads shaped as docs/events.md (and the SDK) shape them. */
    private void insertEvents(RawJdbc.Locked assessment, OffsetDateTime completedAt, Integer durationSeconds,
            List<StoredAnswer> answers, UUID profileId, ProfileDraft draft) throws SQLException {
        List<Object> items = new ArrayList<>(answers.size());
        for (StoredAnswer a : answers) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("questionId", a.questionId().toString());
            item.put("value", a.value());
            item.put("optionId", a.optionId() == null ? null : a.optionId().toString());
            item.put("responseTimeMs", a.responseTimeMs());
            items.add(item);
        }
        Map<String, Object> completed = new LinkedHashMap<>();
        completed.put("assessmentId", assessment.id().toString());
        completed.put("version", assessment.version());
        completed.put("completedAt", completedAt == null ? null : completedAt.toInstant().toString());
        completed.put("durationSeconds", durationSeconds);
        completed.put("answers", items);

        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("profileId", profileId.toString());
        profile.put("assessmentId", assessment.id().toString());
        profile.put("personalityType", draft.personalityType());
        profile.put("dimensions", draft.dimensions());
        profile.put("scorerName", TrivialScorer.NAME);
        profile.put("scorerVersion", TrivialScorer.VERSION);

        try (PreparedStatement ps = connection.prepareStatement(INSERT_EVENTS)) {
            bindEvent(ps, 0, assessment.userId(), ASSESSMENT_COMPLETED, completed);
            bindEvent(ps, 8, assessment.userId(), PROFILE_CREATED, profile);
            ps.executeUpdate();
        }
    }

    static void bindEvent(PreparedStatement ps, int offset, UUID userId, String type,
            Map<String, Object> payload) throws SQLException {
        ps.setObject(offset + 1, UUID.randomUUID());
        ps.setString(offset + 2, AGGREGATE_USER);
        ps.setObject(offset + 3, userId);
        ps.setString(offset + 4, type);
        ps.setInt(offset + 5, EVENT_VERSION);
        ps.setString(offset + 6, json(payload));
        ps.setString(offset + 7, ACTOR);
        ps.setObject(offset + 8, Instant.now().atOffset(ZoneOffset.UTC));
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("raw JDBC: cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}

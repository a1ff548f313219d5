package dev.teto.data.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.api.model.ProfileDraft;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw JDBC baseline for re-scoring: what {@code data.get(Rescoring.class).rescore(scorer, options)} does, written
 * by hand on {@link RawJdbc}'s single connection (the runtime login under the SDK's signed context, so row-level
 * security runs on both sides), with the same transactions:
 *
 * <ol>
 *   <li>a first transaction creates the run's row if missing and locks it (a finished run starts over), and counts
 *       the completed assessments still to visit (what the SDK's progress needs);</li>
 *   <li>then one transaction per batch, until a batch comes back short: lock the run's row and read its position;
 *       read the next {@code batchSize} completed assessments by id, each with its owner's liveness and whether
 *       this scorer version already scored it (one query: a hand-writer folds the SDK's three reads into it); read
 *       the due ones' answers beside their questions' category in question order; score with
 *       {@link TrivialScorer}; demote the current profiles ({@code UPDATE ... RETURNING} the previous version's id,
 *       type and creation time, which the event names); insert the new profiles (one batch, ids made here); insert
 *       one {@code profile.rescored} outbox row per profile (one batch, the SDK's payload keys in the SDK's order);
 *       with privacy keys configured, one {@code audit_log} line per event as the SDK's audit trail writes it (one
 *       batch; the user as {@code user:<pseudonym>}, HMAC-SHA256 under the blind-index key); save the run's position
 *       and counters; COMMIT.</li>
 * </ol>
 * With {@code profilePerRow}, the profiles are inserted as the SDK's adapter inserts them, one statement and round trip
 * each with the id made by the server ({@code RETURNING id}), everything else unchanged: the difference between the
 * two raw loops is what that costs.
 */
final class RawJdbcRescore {

    static final String CREATE_RUN = "INSERT INTO rescore_runs (scorer_name, scorer_version) VALUES (?, ?)"
            + " ON CONFLICT DO NOTHING";
    static final String LOCK_RUN = "SELECT position, finished_at IS NOT NULL AS finished FROM rescore_runs"
            + " WHERE scorer_name = ? AND scorer_version = ? FOR UPDATE";
    static final String RESTART_RUN = "UPDATE rescore_runs SET position = NULL, scanned = 0, rescored = 0,"
            + " skipped = 0, started_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP, finished_at = NULL"
            + " WHERE scorer_name = ? AND scorer_version = ?";
    static final String COUNT_ALL = "SELECT count(*) FROM assessments WHERE status = 'completed'";
    static final String COUNT_AFTER = COUNT_ALL + " AND id > ?";
    /** The batch, each row with its owner's liveness and whether this scorer version made a profile of it. */
    private static final String BATCH_SELECT = "SELECT a.id, a.user_id, a.completed_at,"
            + " (u.deleted_at IS NULL) AS live, EXISTS (SELECT 1 FROM profiles p WHERE p.assessment_id = a.id AND p.scorer_name = ?"
            + " AND p.scorer_version = ?) AS done FROM assessments a JOIN users u ON u.id = a.user_id"
            + " WHERE a.status = 'completed'";
    static final String BATCH_FIRST = BATCH_SELECT + " ORDER BY a.id LIMIT ?";
    static final String BATCH_AFTER = BATCH_SELECT + " AND a.id > ? ORDER BY a.id LIMIT ?";
    static final String READ_ANSWERS = "SELECT a.assessment_id, a.value, q.category"
            + " FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.assessment_id = ANY(?)"
            + " ORDER BY a.assessment_id, q.order_index NULLS LAST, q.id";
    static final String DEMOTE = "UPDATE profiles SET is_current = false WHERE assessment_id = ANY(?) AND is_current"
            + " RETURNING assessment_id, id, personality_type, created_at";
    static final String INSERT_PROFILE = "INSERT INTO profiles (id, user_id, assessment_id, personality_type,"
            + " type_name, dimensions, scorer_name, scorer_version) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)";
    static final String INSERT_PROFILE_RETURNING = "INSERT INTO profiles (user_id, assessment_id, personality_type,"
            + " type_name, dimensions, scorer_name, scorer_version) VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?)"
            + " RETURNING id";
    static final String INSERT_EVENT = "INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type,"
            + " event_version, payload, actor, occurred_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)";
    static final String INSERT_AUDIT = "INSERT INTO audit_log (at, actor, action, entity, entity_ref, fields, origin)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String SAVE_RUN = "UPDATE rescore_runs SET position = ?, scanned = scanned + ?,"
            + " rescored = rescored + ?, skipped = skipped + ?, updated_at = CURRENT_TIMESTAMP,"
            + " finished_at = CASE WHEN ? THEN CURRENT_TIMESTAMP END WHERE scorer_name = ? AND scorer_version = ?";

    static final String PROFILE_RESCORED = "profile.rescored";
    private static final String AGGREGATE_USER = "user";
    private static final int EVENT_VERSION = 1;
    /** The label the SDK's bare facade ({@code Actor.NONE}) writes on its events. */
    private static final String ACTOR = "none";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder PSEUDONYM = Base64.getUrlEncoder().withoutPadding();

    private final RawJdbc raw;
    private final Connection connection;
    /** The blind-index key the audit lines' pseudonyms are made with; null: no audit log, as in the SDK. */
    private final SecretKeySpec blindIndexKey;
    private final boolean profilePerRow;

    /**
     * @param blindIndexKey the SDK's {@code privacy.blind-index-key}; null when privacy is not configured
     * @param profilePerRow one {@code INSERT ... RETURNING id} per profile instead of one batch
     */
    RawJdbcRescore(RawJdbc raw, byte[] blindIndexKey, boolean profilePerRow) {
        this.raw = raw;
        this.profilePerRow = profilePerRow;
        this.connection = raw.connection();
        this.blindIndexKey = blindIndexKey == null ? null : new SecretKeySpec(blindIndexKey, "HmacSHA256");
    }

    /** What one run did: assessments visited, profiles written. */
    record Outcome(long scanned, long rescored) {
    }

    /** Re-scores every completed assessment under {@code scorerName}@{@code version}, {@code batchSize} per commit. */
    Outcome rescore(String scorerName, String version, int batchSize) {
        raw.inTransaction(() -> begin(scorerName, version));
        long scanned = 0;
        long rescored = 0;
        Batch batch;
        do {
            Batch[] done = new Batch[1];
            raw.inTransaction(() -> done[0] = batch(scorerName, version, batchSize));
            batch = done[0];
            scanned += batch.scanned();
            rescored += batch.rescored();
        } while (!batch.last());
        return new Outcome(scanned, rescored);
    }

    private record Batch(int scanned, int rescored, boolean last) {
    }

    /** One batch's assessment: who owns it, when it was completed (the event names it), whether it is due now. */
    private record Candidate(UUID id, UUID userId, OffsetDateTime completedAt, boolean due) {
    }

    /** The previous current profile, as the event names it. */
    private record Previous(UUID id, String type, OffsetDateTime createdAt) {
    }

    /** The run's row, locked; a finished run starts over. Returns the count the progress reports against. */
    private long begin(String scorerName, String version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(CREATE_RUN)) {
            ps.setString(1, scorerName);
            ps.setString(2, version);
            ps.executeUpdate();
        }
        RunState run = lockRun(scorerName, version);
        UUID position = run.position();
        if (run.finished()) {
            try (PreparedStatement ps = connection.prepareStatement(RESTART_RUN)) {
                ps.setString(1, scorerName);
                ps.setString(2, version);
                ps.executeUpdate();
            }
            position = null;
        }
        try (PreparedStatement ps = connection.prepareStatement(position == null ? COUNT_ALL : COUNT_AFTER)) {
            if (position != null) {
                ps.setObject(1, position);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private record RunState(UUID position, boolean finished) {
    }

    private RunState lockRun(String scorerName, String version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LOCK_RUN)) {
            ps.setString(1, scorerName);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("raw JDBC: no rescore run " + scorerName + "@" + version);
                }
                return new RunState(rs.getObject("position", UUID.class), rs.getBoolean("finished"));
            }
        }
    }

    private Batch batch(String scorerName, String version, int batchSize) throws SQLException {
        RunState run = lockRun(scorerName, version);
        if (run.finished()) {
            return new Batch(0, 0, true);   // another runner finished it meanwhile
        }
        List<Candidate> candidates = candidates(scorerName, version, run.position(), batchSize);
        List<Candidate> due = candidates.stream().filter(Candidate::due).toList();
        int rescored = due.isEmpty() ? 0 : store(scorerName, version, due);
        boolean last = candidates.size() < batchSize;
        UUID position = candidates.isEmpty() ? run.position() : candidates.get(candidates.size() - 1).id();
        try (PreparedStatement ps = connection.prepareStatement(SAVE_RUN)) {
            ps.setObject(1, position);
            ps.setLong(2, candidates.size());
            ps.setLong(3, rescored);
            ps.setLong(4, candidates.size() - rescored);
            ps.setBoolean(5, last);
            ps.setString(6, scorerName);
            ps.setString(7, version);
            ps.executeUpdate();
        }
        return new Batch(candidates.size(), rescored, last);
    }

    private List<Candidate> candidates(String scorerName, String version, UUID after, int batchSize)
            throws SQLException {
        List<Candidate> candidates = new ArrayList<>(batchSize);
        try (PreparedStatement ps = connection.prepareStatement(after == null ? BATCH_FIRST : BATCH_AFTER)) {
            int i = 1;
            ps.setString(i++, scorerName);
            ps.setString(i++, version);
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, OffsetDateTime.class), rs.getBoolean(4) && !rs.getBoolean(5)));
                }
            }
        }
        return candidates;
    }

    /** Scores the due assessments and writes their profiles and events; returns how many were written. */
    private int store(String scorerName, String version, List<Candidate> due) throws SQLException {
        Object[] ids = due.stream().map(Candidate::id).toArray();
        Map<UUID, List<TrivialScorer.Scored>> answers = readAnswers(ids);
        Map<UUID, Previous> previous = demote(ids);
        List<ProfileDraft> drafts = new ArrayList<>(due.size());
        for (Candidate c : due) {
            drafts.add(TrivialScorer.score(answers.getOrDefault(c.id(), List.of())));
        }
        List<UUID> profileIds = profilePerRow ? insertPerRow(due, drafts, scorerName, version)
                : insertBatch(due, drafts, scorerName, version);
        try (PreparedStatement ps = connection.prepareStatement(INSERT_EVENT)) {
            for (int i = 0; i < due.size(); i++) {
                Candidate c = due.get(i);
                bindEvent(ps, c, profileIds.get(i), drafts.get(i), scorerName, version, previous.get(c.id()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (blindIndexKey != null) {
            audit(due);
        }
        return due.size();
    }

    /** The audit trail's line for each event: who (the SDK's own service), what, and the user's pseudonym. */
    private void audit(List<Candidate> due) throws SQLException {
        Array noFields = connection.createArrayOf("text", new String[0]);
        try (PreparedStatement ps = connection.prepareStatement(INSERT_AUDIT)) {
            for (Candidate c : due) {
                ps.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
                ps.setString(2, RawJdbc.SELF_SERVICE_LABEL);
                ps.setString(3, PROFILE_RESCORED);
                ps.setString(4, AGGREGATE_USER);
                ps.setString(5, "user:" + pseudonym(c.userId()));
                ps.setArray(6, noFields);
                ps.setNull(7, Types.VARCHAR);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** base64url(HMAC-SHA256(key, "user" NUL id)), unpadded: the audit log's stand-in for a user. */
    private String pseudonym(UUID userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(blindIndexKey);
            mac.update("user".getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return PSEUDONYM.encodeToString(mac.doFinal(userId.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("raw JDBC: HmacSHA256 is unavailable", e);
        }
    }

    /** One batch, ids made here: what a hand-writer does. */
    private List<UUID> insertBatch(List<Candidate> due, List<ProfileDraft> drafts, String scorerName, String version)
            throws SQLException {
        List<UUID> profileIds = new ArrayList<>(due.size());
        try (PreparedStatement ps = connection.prepareStatement(INSERT_PROFILE)) {
            for (int i = 0; i < due.size(); i++) {
                UUID profileId = UUID.randomUUID();
                ps.setObject(1, profileId);
                bindProfile(ps, 2, due.get(i), drafts.get(i), scorerName, version);
                ps.addBatch();
                profileIds.add(profileId);
            }
            ps.executeBatch();
        }
        return profileIds;
    }

    /** One statement per profile, the id from the server: what the SDK's adapter does. */
    private List<UUID> insertPerRow(List<Candidate> due, List<ProfileDraft> drafts, String scorerName,
            String version) throws SQLException {
        List<UUID> profileIds = new ArrayList<>(due.size());
        try (PreparedStatement ps = connection.prepareStatement(INSERT_PROFILE_RETURNING)) {
            for (int i = 0; i < due.size(); i++) {
                bindProfile(ps, 1, due.get(i), drafts.get(i), scorerName, version);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    profileIds.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return profileIds;
    }

    private static void bindProfile(PreparedStatement ps, int first, Candidate c, ProfileDraft draft,
            String scorerName, String version) throws SQLException {
        ps.setObject(first, c.userId());
        ps.setObject(first + 1, c.id());
        ps.setString(first + 2, draft.personalityType());
        ps.setString(first + 3, draft.typeName());
        ps.setString(first + 4, json(draft.dimensions()));
        ps.setString(first + 5, scorerName);
        ps.setString(first + 6, version);
    }

    private Map<UUID, List<TrivialScorer.Scored>> readAnswers(Object[] ids) throws SQLException {
        Map<UUID, List<TrivialScorer.Scored>> byAssessment = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(READ_ANSWERS)) {
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byAssessment.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>(28))
                            .add(new TrivialScorer.Scored(rs.getString(3), rs.getObject(2, Integer.class)));
                }
            }
        }
        return byAssessment;
    }

    private Map<UUID, Previous> demote(Object[] ids) throws SQLException {
        Map<UUID, Previous> previous = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(DEMOTE)) {
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    previous.put(rs.getObject(1, UUID.class), new Previous(rs.getObject(2, UUID.class),
                            rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
                }
            }
        }
        return previous;
    }

    /** The payload docs/events.md gives {@code profile.rescored}: the SDK's keys in the SDK's order. */
    private static void bindEvent(PreparedStatement ps, Candidate c, UUID profileId, ProfileDraft draft,
            String scorerName, String version, Previous previous) throws SQLException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("profileId", profileId.toString());
        payload.put("assessmentId", c.id().toString());
        payload.put("personalityType", draft.personalityType());
        payload.put("dimensions", draft.dimensions());
        payload.put("scorerName", scorerName);
        payload.put("scorerVersion", version);
        payload.put("completedAt", c.completedAt() == null ? null : c.completedAt().toInstant().toString());
        payload.put("previousProfileId", previous == null ? null : previous.id().toString());
        payload.put("previousType", previous == null ? null : previous.type());
        payload.put("previousCreatedAt", previous == null ? null : previous.createdAt().toInstant().toString());
        ps.setObject(1, UUID.randomUUID());
        ps.setString(2, AGGREGATE_USER);
        ps.setObject(3, c.userId());
        ps.setString(4, PROFILE_RESCORED);
        ps.setInt(5, EVENT_VERSION);
        ps.setString(6, json(payload));
        ps.setString(7, ACTOR);
        ps.setObject(8, Instant.now().atOffset(ZoneOffset.UTC));
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("raw JDBC: cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}

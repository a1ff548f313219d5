package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.benchmarks.ViralRecorder.Kind;

/**
 * The journey hand-written on raw JDBC (one connection per worker thread, as a pool of T would give), Lettuce and
 * kafka-clients, doing what the SDK does for the same guarantees where a careful developer would: the same per-user
 * key and sealed email and name ({@link RawSealer}), the same answer and completion transactions as the other
 * benchmarks' raw baselines ({@link RawJdbcIngestion#saveOne}, {@link RawJdbcCompletion#complete}), the same GCRA
 * script for the limiter, sessions and progress cached in Redis, the profile read cache-aside, and each event
 * written to the outbox in its state change's transaction, published by a hand-written relay
 * ({@link RawOutboxRelay}): the scenario's step 6 ("writes the profile and the outbox event"), and what "nothing
 * lost" takes. Until 2026-11-26 the baseline sent its events straight after the commit instead (an idempotent
 * producer, not awaited): no outbox rows, and an event lost when the process died between commit and send.
 */
final class RawViralUser implements ViralUser {

    private static final String INSERT_USER = "INSERT INTO users (id, email, name) VALUES (?, ?, ?)";
    private static final String INSERT_KEY = "INSERT INTO user_keys (user_id, master_key_id, wrapped) VALUES (?, ?, ?)";
    private static final String INSERT_SESSION =
            "INSERT INTO user_sessions (id, user_id, token_hash, expires_at) VALUES (?, ?, ?, ?)";
    private static final String QUESTION_SET =
            "SELECT id FROM questions WHERE version = ? AND is_active ORDER BY order_index NULLS LAST, id";
    private static final String INSERT_ASSESSMENT = "INSERT INTO assessments (id, user_id, status, version, started_at,"
            + " total_questions, question_ids) VALUES (?, ?, 'in_progress', ?, CURRENT_TIMESTAMP, ?, ?)";
    private static final String LATEST_PROFILE = "SELECT id, personality_type, type_name, dimensions::text"
            + " FROM profiles WHERE user_id = ? ORDER BY created_at DESC LIMIT 1";

    /** What the raw side caches: its own small records, read back with Jackson. */
    record Progress(UUID assessmentId, int questionsAnswered, UUID currentQuestion) {
    }

    record CachedProfile(UUID id, String personalityType, String typeName, String dimensions) {
    }

    private final RawJdbc raw;
    private final Connection connection;
    private final RawJdbcIngestion ingestion;
    private final RawJdbcCompletion completion;
    private final RawRedis redis;
    private final RawSealer sealer;
    private final boolean readProgress;

    /**
     * @param readProgress read each answer's progress from PostgreSQL (the baseline); false: take it from the loop's
     *                     index, as the baseline did until session 22, to show what reading it costs
     */
    RawViralUser(Map<String, String> settings, RawRedis redis, RawSealer sealer, boolean readProgress) {
        this.raw = RawJdbc.connect(settings);
        this.connection = raw.connection();
        this.ingestion = new RawJdbcIngestion(raw);
        this.completion = new RawJdbcCompletion(raw);
        this.redis = redis;
        this.sealer = sealer;
        this.readProgress = readProgress;
    }

    /** A signed-up taker: the user and the session every later request presents. */
    private record Taker(UUID userId, String ip, UUID sessionId, String tokenHash) {
    }

    @Override
    public void run(int index, List<UUID> questionIds, ViralRecorder.Lane lane) {
        Taker taker = signUp(index, lane);
        request(taker, lane);
        long t0 = System.nanoTime();
        UUID assessmentId = UUID.randomUUID();
        raw.inTransaction(() -> start(assessmentId, taker.userId()));
        redis.putBehind("ASSESSMENT_PROGRESS:" + assessmentId, progress(assessmentId, 0, questionIds.get(0)));
        lane.record(Kind.START, t0);
        for (int q = 0; q < questionIds.size(); q++) {
            request(taker, lane);
            answer(index, assessmentId, questionIds, q, lane);
        }
        request(taker, lane);
        t0 = System.nanoTime();
        raw.inTransaction(() -> completion.complete(assessmentId, true));
        lane.record(Kind.COMPLETE, t0);
        request(taker, lane);
        t0 = System.nanoTime();
        require(profile(taker.userId()) != null);
        lane.record(Kind.PROFILE_READ, t0);
    }

    /** The registration request (rate-limited per IP) and the session opened after it. */
    private Taker signUp(int index, ViralRecorder.Lane lane) {
        String ip = ViralUser.ip(index);
        long t0 = System.nanoTime();
        require(redis.rateLimit(new UUID(0, index), ip, ENDPOINT, 1_000, ViralPeakBenchmark.LIMIT.requests()));
        t0 = lane.record(Kind.RATE_LIMIT, t0);
        UUID userId = UUID.randomUUID();
        raw.inTransaction(() -> register(userId, "viral-" + UUID.randomUUID() + "@example.com", "Viral taker " + index));
        t0 = lane.record(Kind.REGISTER, t0);
        UUID sessionId = UUID.randomUUID();
        String tokenHash = "th-" + UUID.randomUUID();
        Instant expires = Instant.now().plus(Duration.ofHours(2));
        raw.inTransaction(() -> openSession(sessionId, userId, tokenHash, expires));
        redis.put("SESSION:" + sessionId, "{\"id\":\"" + sessionId + "\",\"userId\":\"" + userId
                + "\",\"tokenHash\":\"" + tokenHash + "\",\"expiresAt\":\"" + expires + "\"}");
        lane.record(Kind.SESSION_OPEN, t0);
        return new Taker(userId, ip, sessionId, tokenHash);
    }

    /**
     * One answer in its own transaction with the progress it leaves (read from PostgreSQL, as the SDK's answer returns
     * it), the progress written behind, then read back. Until 2026-11-26 (session 22) the progress was this loop's
     * index, right only because the benchmark answers in order, one call at a time; a backend receiving answers from
     * clients (retried, out of order, several at once) must read it.
     */
    private void answer(int index, UUID assessmentId, List<UUID> questionIds, int q, ViralRecorder.Lane lane) {
        long t0 = System.nanoTime();
        AnswerInput answer = AnswerInput.likert(questionIds.get(q), ViralUser.value(index, q),
                ViralUser.responseTimeMs(index, q));
        RawJdbcIngestion.Progress expected = new RawJdbcIngestion.Progress(q + 1,
                q + 1 < questionIds.size() ? questionIds.get(q + 1) : null);
        RawJdbcIngestion.Progress[] after = new RawJdbcIngestion.Progress[1];
        if (readProgress) {
            raw.inTransaction(() -> after[0] = ingestion.saveOneWithProgress(assessmentId, answer));
        } else {
            raw.inTransaction(() -> ingestion.saveOne(assessmentId, answer));
            after[0] = expected;
        }
        require(after[0].equals(expected));
        redis.putBehind("ASSESSMENT_PROGRESS:" + assessmentId, progress(assessmentId, after[0].answered(),
                after[0].currentQuestion()));
        t0 = lane.record(Kind.ANSWER, t0);
        String json = redis.get("ASSESSMENT_PROGRESS:" + assessmentId);
        require(json != null && redis.read(json, Progress.class).assessmentId().equals(assessmentId));
        lane.record(Kind.PROGRESS, t0);
    }

    private void request(Taker taker, ViralRecorder.Lane lane) {
        long t0 = System.nanoTime();
        require(redis.rateLimit(taker.userId(), taker.ip(), ENDPOINT, 1_000, ViralPeakBenchmark.LIMIT.requests()));
        t0 = lane.record(Kind.RATE_LIMIT, t0);
        require(redis.sessionLive(taker.sessionId(), taker.tokenHash(), Instant.now()));
        lane.record(Kind.SESSION_CHECK, t0);
    }

    private void register(UUID userId, String email, String name) throws SQLException {
        byte[] userKey = sealer.newUserKey();
        try (PreparedStatement ps = connection.prepareStatement(INSERT_USER)) {
            ps.setObject(1, userId);
            ps.setString(2, sealer.sealEmail(userKey, email));
            ps.setString(3, sealer.seal(userKey, name));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT_KEY)) {
            ps.setObject(1, userId);
            ps.setString(2, RawSealer.MASTER_KEY_ID);
            ps.setBytes(3, sealer.wrap(userKey));
            ps.executeUpdate();
        }
        RawOutboxRelay.insert(connection, userId, "user.registered", Map.of("userId", userId.toString(),
                "role", "user", "status", "active"));
    }

    private void openSession(UUID sessionId, UUID userId, String tokenHash, Instant expires) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT_SESSION)) {
            ps.setObject(1, sessionId);
            ps.setObject(2, userId);
            ps.setString(3, tokenHash);
            ps.setTimestamp(4, Timestamp.from(expires));
            ps.executeUpdate();
        }
        RawOutboxRelay.insert(connection, userId, "session.opened", Map.of("sessionId", sessionId.toString(),
                "expiresAt", expires.toString()));
    }

    private void start(UUID assessmentId, UUID userId) throws SQLException {
        List<UUID> set = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(QUESTION_SET)) {
            ps.setString(1, BenchmarkFixture.VERSION);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    set.add(rs.getObject(1, UUID.class));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT_ASSESSMENT)) {
            ps.setObject(1, assessmentId);
            ps.setObject(2, userId);
            ps.setString(3, BenchmarkFixture.VERSION);
            ps.setInt(4, set.size());
            ps.setArray(5, connection.createArrayOf("uuid", set.toArray()));
            ps.executeUpdate();
        }
        RawOutboxRelay.insert(connection, userId, "assessment.started", Map.of("assessmentId",
                assessmentId.toString(), "version", BenchmarkFixture.VERSION, "totalQuestions", set.size()));
    }

    /** Cache-aside: the cached profile, else the latest from PostgreSQL, then cached. */
    private CachedProfile profile(UUID userId) {
        String key = "PROFILE:" + userId + ":latest";
        String json = redis.get(key);
        if (json != null) {
            return redis.read(json, CachedProfile.class);
        }
        CachedProfile[] found = new CachedProfile[1];
        raw.inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement(LATEST_PROFILE)) {
                ps.setObject(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found[0] = new CachedProfile(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4));
                    }
                }
            }
        });
        if (found[0] != null) {
            redis.put(key, RawSealer.json(found[0]));
        }
        return found[0];
    }

    private static String progress(UUID assessmentId, int answered, UUID current) {
        return "{\"assessmentId\":\"" + assessmentId + "\",\"questionsAnswered\":" + answered
                + ",\"currentQuestion\":" + (current == null ? "null" : "\"" + current + "\"") + "}";
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a call of the raw journey gave the wrong answer");
        }
    }

    @Override
    public void close() {
        raw.close();
    }
}

package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.api.spi.ProfileVersions;
import dev.teto.data.postgres.internal.mapping.Rows;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Re-scoring's reads and writes on {@code profiles} and {@code rescore_runs} (V9), a batch per statement. */
final class PgProfileVersions implements ProfileVersions {
    private final Sql sql;

    PgProfileVersions(Sql sql) {
        this.sql = sql;
    }

    /**
     * Each row with its owner's liveness and whether the scorer version scored it: core's two checks, read with
     * the batch instead of by two more statements. Two texts, as the first batch has no position. The columns
     * {@code Assessment} holds, not {@code *}: the question set's 28 ids would be most of each row's bytes.
     */
    private static final String CANDIDATES = """
            SELECT a.id, a.user_id, a.status, a.version, a.started_at, a.completed_at, a.duration_seconds,
                   a.questions_answered, a.total_questions, a.metadata, a.created_at, a.updated_at,
                   (u.id IS NOT NULL AND u.deleted_at IS NULL) AS owner_active,
                   EXISTS (SELECT 1 FROM profiles p WHERE p.assessment_id = a.id AND p.scorer_name = :name
                           AND p.scorer_version = :version) AS scored
            FROM assessments a LEFT JOIN users u ON u.id = a.user_id
            WHERE a.status = 'completed'%s
            ORDER BY a.id LIMIT :limit""";
    private static final DirectStatement CANDIDATES_FIRST = DirectStatement.of(CANDIDATES.formatted(""),
            Map.of("name", String.class, "version", String.class, "limit", Integer.class));
    private static final DirectStatement CANDIDATES_AFTER = DirectStatement.of(CANDIDATES.formatted(
            " AND a.id > :after"), Map.of("name", String.class, "version", String.class, "limit", Integer.class,
            "after", UUID.class));

    @Override
    public List<Candidate> completedAfter(UUID after, int limit, ScorerVersion scorer) {
        DirectStatement statement = after == null ? CANDIDATES_FIRST : CANDIDATES_AFTER;
        return sql.with(h -> statement.query(h, name -> switch (name) {
            case "name" -> scorer.name();
            case "version" -> scorer.version();
            case "limit" -> limit;
            default -> after;
        }, rs -> {
            List<Candidate> candidates = new ArrayList<>(limit);
            while (rs.next()) {
                candidates.add(new Candidate(JdbiAssessmentRepository.MAPPER.map(rs, null),
                        rs.getBoolean("owner_active"), rs.getBoolean("scored")));
            }
            return candidates;
        }));
    }

    @Override
    public long countCompletedAfter(UUID after) {
        return sql.with(h -> h.createQuery("""
                        SELECT count(*) FROM assessments
                        WHERE status = 'completed' AND (CAST(:after AS uuid) IS NULL OR id > :after)""")
                .bind("after", after).mapTo(Long.class).one());
    }

    @Override
    public Map<UUID, List<ScoringInput.Item>> answeredQuestions(Collection<UUID> assessmentIds) {
        return sql.with(h -> AnsweredQuestions.ofMany(h, assessmentIds));
    }

    @Override
    public List<Superseded> supersede(List<NewProfile> profiles) {
        if (profiles.isEmpty()) {
            return List.of();
        }
        return sql.with(h -> ProfileBatchWrites.supersede(h, profiles));
    }

    /** The run's row exists after the first batch: it is created only when the lock finds none. */
    @Override
    public RescoreRun lockRun(ScorerVersion scorer) {
        return sql.with(h -> lock(h, scorer).orElseGet(() -> {
            h.createUpdate("""
                            INSERT INTO rescore_runs (scorer_name, scorer_version) VALUES (:name, :version)
                            ON CONFLICT DO NOTHING""")
                    .bind("name", scorer.name()).bind("version", scorer.version()).execute();
            return lock(h, scorer).orElseThrow();
        }));
    }

    /**
     * Besides the run's row, every batch takes the schema's re-scoring lock (transaction-scoped, advisory), so the
     * batches of runs of different versions take turns too: otherwise one run's demoting {@code UPDATE} missed the
     * new current profile that another committed meanwhile (its snapshot predates it) and its insert broke the
     * one-current index. Taken in the same statement, before the row lock, by every runner alike. Locking the batch's
     * assessment rows instead wrote a lock record into 200 heap tuples per batch, measurably slower.
     */
    private static Optional<RescoreRun> lock(Handle h, ScorerVersion scorer) {
        return h.createQuery("""
                        SELECT position, scanned, rescored, skipped, finished_at IS NOT NULL AS finished,
                               pg_advisory_xact_lock(hashtextextended(current_schema() || '.teto.rescore', 0)) AS l
                        FROM rescore_runs WHERE scorer_name = :name AND scorer_version = :version FOR UPDATE""")
                .bind("name", scorer.name()).bind("version", scorer.version())
                .map((rs, ctx) -> new RescoreRun(scorer, Rows.uuid(rs, "position"), rs.getLong("scanned"),
                        rs.getLong("rescored"), rs.getLong("skipped"), rs.getBoolean("finished")))
                .findOne();
    }

    @Override
    public void saveRun(RescoreRun run) {
        sql.with(h -> h.createUpdate("""
                        UPDATE rescore_runs SET position = :position, scanned = :scanned, rescored = :rescored,
                               skipped = :skipped, updated_at = CURRENT_TIMESTAMP,
                               started_at = CASE WHEN :restart THEN CURRENT_TIMESTAMP ELSE started_at END,
                               finished_at = CASE WHEN :finished THEN CURRENT_TIMESTAMP END
                        WHERE scorer_name = :name AND scorer_version = :version""")
                .bind("position", run.position()).bind("scanned", run.scanned()).bind("rescored", run.rescored())
                .bind("skipped", run.skipped()).bind("restart", run.position() == null && run.scanned() == 0)
                .bind("finished", run.finished()).bind("name", run.scorer().name())
                .bind("version", run.scorer().version()).execute());
    }
}

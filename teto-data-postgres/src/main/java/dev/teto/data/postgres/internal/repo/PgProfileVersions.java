package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.api.spi.ProfileVersions;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.Rows;

import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Re-scoring's reads and writes on {@code profiles} and {@code rescore_runs} (V9), a batch per statement. */
final class PgProfileVersions implements ProfileVersions {
    private final Sql sql;

    PgProfileVersions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Assessment> completedAfter(UUID after, int limit) {
        return sql.with(h -> h.createQuery("""
                        SELECT * FROM assessments
                        WHERE status = 'completed' AND (CAST(:after AS uuid) IS NULL OR id > :after)
                        ORDER BY id LIMIT :limit""")
                .bind("after", after).bind("limit", limit).map(JdbiAssessmentRepository.MAPPER).list());
    }

    @Override
    public long countCompletedAfter(UUID after) {
        return sql.with(h -> h.createQuery("""
                        SELECT count(*) FROM assessments
                        WHERE status = 'completed' AND (CAST(:after AS uuid) IS NULL OR id > :after)""")
                .bind("after", after).mapTo(Long.class).one());
    }

    @Override
    public Map<UUID, Profile> currentProfiles(Collection<UUID> assessmentIds) {
        return sql.with(h -> h.createQuery("SELECT * FROM profiles WHERE assessment_id = ANY(:ids) AND is_current")
                        .bindArray("ids", UUID.class, assessmentIds).map(JdbiProfileRepository.MAPPER).list())
                .stream().collect(Collectors.toMap(Profile::assessmentId, Function.identity()));
    }

    @Override
    public Set<UUID> scoredBy(ScorerVersion scorer, Collection<UUID> assessmentIds) {
        return new HashSet<>(sql.with(h -> h.createQuery("""
                        SELECT assessment_id FROM profiles
                        WHERE assessment_id = ANY(:ids) AND scorer_name = :name AND scorer_version = :version""")
                .bindArray("ids", UUID.class, assessmentIds).bind("name", scorer.name())
                .bind("version", scorer.version()).mapTo(UUID.class).list()));
    }

    @Override
    public Map<UUID, List<ScoringInput.Item>> answeredQuestions(Collection<UUID> assessmentIds) {
        return sql.with(h -> AnsweredQuestions.ofMany(h, assessmentIds));
    }

    /** Demotes the current versions first: the partial unique index allows one current profile per assessment. */
    @Override
    public List<Profile> supersede(List<NewProfile> profiles) {
        if (profiles.isEmpty()) {
            return List.of();
        }
        List<UUID> assessments = profiles.stream().map(NewProfile::assessmentId).toList();
        return sql.with(h -> {
            h.createUpdate("UPDATE profiles SET is_current = false WHERE assessment_id = ANY(:ids) AND is_current")
                    .bindArray("ids", UUID.class, assessments).execute();
            // One JDBC batch: the driver sends the inserts together instead of a round trip each.
            PreparedBatch batch = h.prepareBatch(JdbiProfileRepository.INSERT_NO_RETURNING);
            for (NewProfile profile : profiles) {
                RecordParameters.bind(batch, profile).add();
            }
            Map<UUID, Profile> byAssessment = batch.executePreparedBatch("*").map(JdbiProfileRepository.MAPPER)
                    .stream().collect(Collectors.toMap(Profile::assessmentId, Function.identity()));
            return assessments.stream().map(byAssessment::get).toList();
        });
    }

    @Override
    public RescoreRun lockRun(ScorerVersion scorer) {
        return sql.with(h -> {
            h.createUpdate("""
                            INSERT INTO rescore_runs (scorer_name, scorer_version) VALUES (:name, :version)
                            ON CONFLICT DO NOTHING""")
                    .bind("name", scorer.name()).bind("version", scorer.version()).execute();
            return h.createQuery("""
                            SELECT position, scanned, rescored, skipped, finished_at IS NOT NULL AS finished
                            FROM rescore_runs WHERE scorer_name = :name AND scorer_version = :version FOR UPDATE""")
                    .bind("name", scorer.name()).bind("version", scorer.version())
                    .map((rs, ctx) -> new RescoreRun(scorer, Rows.uuid(rs, "position"), rs.getLong("scanned"),
                            rs.getLong("rescored"), rs.getLong("skipped"), rs.getBoolean("finished")))
                    .one();
        });
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

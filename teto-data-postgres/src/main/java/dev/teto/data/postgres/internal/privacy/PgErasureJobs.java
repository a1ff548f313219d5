package dev.teto.data.postgres.internal.privacy;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.privacy.StoreReceipt;
import dev.teto.data.api.spi.ErasureJob;
import dev.teto.data.api.spi.ErasureJobs;
import dev.teto.data.postgres.internal.mapping.Rows;
import dev.teto.data.postgres.internal.repo.Sql;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code erasure_jobs}: one row per erasure, keyed by the subject (a keyed hash of the user id). */
final class PgErasureJobs implements ErasureJobs {
    static final String ENTITY = "erasure_job";
    private static final RowMapper<ErasureJob> JOB = (rs, ctx) -> new ErasureJob(rs.getString("subject"),
            Rows.uuid(rs, "user_id"), Rows.instant(rs, "requested_at"), Rows.instant(rs, "completed_at"),
            Receipts.read(rs.getString("stores")));
    private static final String SELECT = "SELECT subject, user_id, requested_at, completed_at, stores FROM erasure_jobs ";

    private final Sql sql;

    PgErasureJobs(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<ErasureJob> find(String subject) {
        return sql.findOne(JOB, SELECT + "WHERE subject = :subject", "subject", subject);
    }

    @Override
    public ErasureJob open(String subject, UUID userId, Instant requestedAt, List<StoreReceipt> stores) {
        return sql.with(h -> {
            h.createUpdate("""
                            INSERT INTO erasure_jobs (subject, user_id, requested_at, stores)
                            VALUES (:subject, :userId, :requestedAt, CAST(:stores AS jsonb))
                            ON CONFLICT (subject) DO NOTHING""")
                    .bind("subject", subject)
                    .bind("userId", userId)
                    .bind("requestedAt", requestedAt)
                    .bind("stores", Receipts.write(stores))
                    .execute();
            return h.createQuery(SELECT + "WHERE subject = :subject").bind("subject", subject).map(JOB).one();
        });
    }

    /**
     * One statement: the entry of the receipt's store is replaced in place (order kept), or appended if the job
     * has none. The UPDATE's row lock serialises two stores recording at once; the second re-reads the first's
     * list before replacing its own entry. An entry already DONE stays: a concurrent run finished first.
     */
    @Override
    public void record(String subject, StoreReceipt receipt) {
        int updated = sql.with(h -> h.createUpdate("""
                        UPDATE erasure_jobs SET stores = CASE
                            WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(stores) AS e WHERE e->>'store' = :store)
                            THEN (SELECT jsonb_agg(CASE WHEN e->>'store' = :store AND e->>'state' IS DISTINCT FROM 'DONE'
                                                             THEN CAST(:entry AS jsonb) ELSE e END
                                                   ORDER BY n)
                                  FROM jsonb_array_elements(stores) WITH ORDINALITY AS t(e, n))
                            ELSE stores || jsonb_build_array(CAST(:entry AS jsonb))
                        END
                        WHERE subject = :subject""")
                .bind("subject", subject)
                .bind("store", receipt.store())
                .bind("entry", Receipts.write(receipt))
                .execute());
        if (updated == 0) {
            throw new NotFoundException(SqlErrors.STORE, ENTITY, subject);
        }
    }

    /** The finished record forgets who it was about: only the subject is left. */
    @Override
    public void complete(String subject, Instant completedAt) {
        int updated = sql.with(h -> h.createUpdate("""
                        UPDATE erasure_jobs SET completed_at = COALESCE(completed_at, :completedAt), user_id = NULL
                        WHERE subject = :subject""")
                .bind("subject", subject).bind("completedAt", completedAt).execute());
        if (updated == 0) {
            throw new NotFoundException(SqlErrors.STORE, ENTITY, subject);
        }
    }

    @Override
    public List<ErasureJob> pending(int limit) {
        return sql.with(h -> h.createQuery(SELECT + "WHERE completed_at IS NULL ORDER BY requested_at, subject LIMIT :limit")
                .bind("limit", limit).map(JOB).list());
    }
}

package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.spi.UserLiveness;
import dev.teto.data.postgres.internal.tx.PgTransactionalStore;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Which users exist and are not soft-deleted, for core's liveness policy; one query for any number of ids. */
final class PgUserLiveness implements UserLiveness {
    private static final String LIVE = "SELECT id FROM users WHERE id = ANY(:ids) AND deleted_at IS NULL";
    /** The usual case, one user: {@code = ANY} of an array was planned afresh on every call under plan_cache_mode=auto. */
    private static final String LIVE_ONE = "SELECT id FROM users WHERE id = :id AND deleted_at IS NULL";
    /**
     * Holding users is a write transaction's first step (a session, an assessment, a membership): the rest of it
     * plans generically ({@link PgTransactionalStore#GENERIC_PLANS}).
     */
    private static final String HOLD = " ORDER BY id FOR SHARE";

    private final Sql sql;

    PgUserLiveness(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Set<UUID> liveAmong(Collection<UUID> userIds) {
        return query(userIds, "");
    }

    /**
     * FOR SHARE: a soft delete running now must commit first (and is then seen), or wait for us. Ordered by id, so
     * two batches never lock the same users in opposite orders.
     */
    @Override
    public Set<UUID> holdLive(Collection<UUID> userIds) {
        return query(userIds, HOLD);
    }

    private Set<UUID> query(Collection<UUID> userIds, String lock) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        String columns = lock.isEmpty() ? "" : PgTransactionalStore.GENERIC_PLANS;
        if (userIds.size() == 1) {
            String statement = LIVE_ONE.replace("SELECT id", "SELECT id" + columns) + lock;
            return Set.copyOf(sql.with(h -> h.createQuery(statement).bind("id", userIds.iterator().next())
                    .mapTo(UUID.class).list()));
        }
        String statement = LIVE.replace("SELECT id", "SELECT id" + columns) + lock;
        return Set.copyOf(sql.with(h -> h.createQuery(statement)
                .bindArray("ids", UUID.class, userIds).mapTo(UUID.class).list()));
    }
}

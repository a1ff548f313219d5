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
    private static final String HOLD_ONE = held(LIVE_ONE);
    private static final String HOLD = held(LIVE);

    private final Sql sql;

    PgUserLiveness(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Set<UUID> liveAmong(Collection<UUID> userIds) {
        return query(userIds, LIVE_ONE, LIVE);
    }

    /**
     * FOR SHARE: a soft delete running now must commit first (and is then seen), or wait for us. Ordered by id, so
     * two batches never lock the same users in opposite orders.
     */
    @Override
    public Set<UUID> holdLive(Collection<UUID> userIds) {
        return query(userIds, HOLD_ONE, HOLD);
    }

    private static String held(String live) {
        return live.replace("SELECT id", "SELECT id" + PgTransactionalStore.GENERIC_PLANS) + " ORDER BY id FOR SHARE";
    }

    private Set<UUID> query(Collection<UUID> userIds, String one, String many) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        if (userIds.size() == 1) {
            return Set.copyOf(sql.with(h -> h.createQuery(one).bind("id", userIds.iterator().next())
                    .mapTo(UUID.class).list()));
        }
        return Set.copyOf(sql.with(h -> h.createQuery(many)
                .bindArray("ids", UUID.class, userIds).mapTo(UUID.class).list()));
    }
}

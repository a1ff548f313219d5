package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.spi.UserLiveness;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Which users exist and are not soft-deleted, for core's liveness policy; one query for any number of ids. */
final class PgUserLiveness implements UserLiveness {
    private static final String LIVE = "SELECT id FROM users WHERE id = ANY(:ids) AND deleted_at IS NULL";

    private final Sql sql;

    PgUserLiveness(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Set<UUID> liveAmong(Collection<UUID> userIds) {
        return query(userIds, LIVE);
    }

    /**
     * FOR SHARE: a soft delete running now must commit first (and is then seen), or wait for us. Ordered by id, so
     * two batches never lock the same users in opposite orders.
     */
    @Override
    public Set<UUID> holdLive(Collection<UUID> userIds) {
        return query(userIds, LIVE + " ORDER BY id FOR SHARE");
    }

    private Set<UUID> query(Collection<UUID> userIds, String statement) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(sql.with(h -> h.createQuery(statement)
                .bindArray("ids", UUID.class, userIds).mapTo(UUID.class).list()));
    }
}

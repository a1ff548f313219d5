package dev.teto.data.api.spi;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Transactional: which users exist and are not soft-deleted, for core's liveness policy. */
public interface UserLiveness {

    /** The subset of {@code userIds} that exist and are not soft-deleted right now: for reads. */
    Set<UUID> liveAmong(Collection<UUID> userIds);

    /**
     * Like {@link #liveAmong}, and they stay so until the transaction ends: a soft delete running concurrently is
     * either seen or made to wait, so no write for a deleted user slips in. For writes only: it takes row locks.
     */
    Set<UUID> holdLive(Collection<UUID> userIds);
}

package dev.teto.data.api.spi;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Transactional: which users exist and are not soft-deleted, for core's liveness policy. */
public interface UserLiveness {

    /**
     * The subset of {@code userIds} that exist and are not soft-deleted, and stay so until the transaction ends:
     * a soft delete running concurrently is either seen or made to wait, so no write for a deleted user slips in.
     */
    Set<UUID> liveAmong(Collection<UUID> userIds);
}

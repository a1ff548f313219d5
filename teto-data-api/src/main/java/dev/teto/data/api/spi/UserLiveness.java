package dev.teto.data.api.spi;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Transactional: which users exist and are not soft-deleted, for core's liveness policy. */
public interface UserLiveness {

    /** The subset of {@code userIds} that exist and are not soft-deleted. */
    Set<UUID> liveAmong(Collection<UUID> userIds);
}

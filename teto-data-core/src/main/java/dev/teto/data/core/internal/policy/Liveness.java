package dev.teto.data.core.internal.policy;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.spi.UserLiveness;
import dev.teto.data.core.internal.tx.Unit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A soft-deleted user can do nothing: no session, answer, activity, subscription, membership or preference is
 * written for them. Checked in the same transaction as the write, holding the user (
 * {@link UserLiveness#holdLive}), so a soft delete committing meanwhile is either seen or waits.
 */
public final class Liveness {
    private Liveness() {
    }

    public static void requireLive(Unit unit, UUID userId) {
        if (unit.port(UserLiveness.class).holdLive(Set.of(userId)).isEmpty()) {
            throw new NotFoundException(Entities.USER, userId);
        }
    }

    /** One query for a batch; names the first user that is missing or deleted. */
    public static void requireAllLive(Unit unit, Collection<UUID> userIds) {
        Set<UUID> wanted = new LinkedHashSet<>(userIds);
        Set<UUID> live = unit.port(UserLiveness.class).holdLive(wanted);
        for (UUID id : wanted) {
            if (!live.contains(id)) {
                throw new NotFoundException(Entities.USER, id);
            }
        }
    }
}

package dev.teto.data.api.event;

import java.time.Duration;
import java.util.Map;

/**
 * The outbox at one moment.
 *
 * @param pending          committed events not yet delivered to every handler
 * @param retrying         of those, events waiting for a retry after a failure
 * @param oldestPendingAge age of the oldest pending event; {@link Duration#ZERO} when none is pending
 * @param parkedByHandler  parked events per handler name; a handler with none is absent
 * @param delivered        delivered events the outbox still keeps (its retention)
 */
public record OutboxStatus(long pending, long retrying, Duration oldestPendingAge, Map<String, Long> parkedByHandler,
        long delivered) {

    public OutboxStatus {
        parkedByHandler = Map.copyOf(parkedByHandler);
    }

    public long parked() {
        return parkedByHandler.values().stream().mapToLong(Long::longValue).sum();
    }
}

package dev.teto.data.api.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event a handler gave up on after its retries. The error is the handler's message, masked of values as
 * every error the library keeps.
 */
public record ParkedEvent(UUID eventId, String eventType, String handler, int attempts, String error,
        Instant parkedAt) {
}

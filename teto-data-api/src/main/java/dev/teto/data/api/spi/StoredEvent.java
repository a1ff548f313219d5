package dev.teto.data.api.spi;

import dev.teto.data.api.event.DomainEvent;

/**
 * An outbox row: the event, its position in commit order and how often its delivery was tried.
 *
 * @param sequence increases with commit order within one outbox
 */
public record StoredEvent(DomainEvent event, long sequence, int attempts) {
}

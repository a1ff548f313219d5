package dev.teto.data.api.spi;

import dev.teto.data.api.event.DomainEvent;

import java.util.List;

/** Transactional: appends events to the outbox in the transaction of the change they describe. */
public interface OutboxWriter {
    void append(List<DomainEvent> events);
}

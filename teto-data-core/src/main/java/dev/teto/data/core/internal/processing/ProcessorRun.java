package dev.teto.data.core.internal.processing;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.EventBatchHandler;
import dev.teto.data.api.spi.InboxClaims;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A processor as a transport sees it: a batch handler that skips what the inbox says is done. */
public final class ProcessorRun implements EventBatchHandler {
    private final Processor processor;
    private final TetoOperations data;

    public ProcessorRun(Processor processor, TetoOperations data) {
        this.processor = processor;
        this.data = data;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        // A redelivered copy can arrive in the same batch as the original: each event id counts once.
        Set<UUID> seen = new HashSet<>();
        List<DomainEvent> relevant = events.stream()
                .filter(e -> processor.eventTypes().contains(e.type()) && seen.add(e.id())).toList();
        if (relevant.isEmpty()) {
            return;
        }
        List<UUID> ids = relevant.stream().map(DomainEvent::id).toList();
        if (processor.transactional()) {
            data.useTransaction(tx -> {
                Set<UUID> fresh = tx.get(InboxClaims.class).claim(processor.name(), ids);
                List<DomainEvent> todo = relevant.stream().filter(e -> fresh.contains(e.id())).toList();
                if (!todo.isEmpty()) {
                    processor.applyInTransaction(tx, todo);
                }
            });
        } else {
            InboxClaims inbox = data.get(InboxClaims.class);
            Set<UUID> done = inbox.claimed(processor.name(), ids);
            List<DomainEvent> todo = relevant.stream().filter(e -> !done.contains(e.id())).toList();
            if (!todo.isEmpty()) {
                processor.apply(todo);
                inbox.claim(processor.name(), todo.stream().map(DomainEvent::id).toList());
            }
        }
    }
}

package dev.teto.data.api.spi;

import dev.teto.data.api.event.DomainEvent;

import java.util.List;

/**
 * What an {@link EventStream} consumer does with what it read: the events in log order (one aggregate's events in
 * the order they were written). Returning means "done": the stream then commits its position. Throwing
 * {@link dev.teto.data.api.error.TransientDataException} means "a store is down, try again later" and never
 * dead-letters; any other exception counts as a failed attempt of the events.
 */
@FunctionalInterface
public interface EventBatchHandler {
    void handle(List<DomainEvent> events) throws Exception;
}

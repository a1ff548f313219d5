package dev.teto.data.api.spi;

import dev.teto.data.api.event.EventDispatcher;
import dev.teto.data.api.event.EventHandler;

import java.util.Map;

/**
 * Registered by a transport module (Kafka) to deliver the outbox instead of core's in-process dispatcher: the
 * builder uses it when a configured store registered one, with the same outbox and the same handlers, so hosts
 * change a dependency and an options object, never their handlers.
 */
public interface EventDispatcherFactory {

    /**
     * @param relay    the outbox to read, under its dispatch lock
     * @param handlers the host's handlers by name, in registration order
     */
    EventDispatcher create(OutboxRelay relay, Map<String, EventHandler> handlers);
}

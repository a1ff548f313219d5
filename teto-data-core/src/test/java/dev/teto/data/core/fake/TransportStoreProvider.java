package dev.teto.data.core.fake;

import dev.teto.data.api.event.EventDispatcher;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.EventDispatcherFactory;
import dev.teto.data.api.spi.StoreProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for a transport module (Kafka): registers a dispatcher factory, which the builder must use. */
public final class TransportStoreProvider implements StoreProvider<TransportOptions> {
    public static final List<String> CREATED_WITH_HANDLERS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "transport";
    }

    @Override
    public Class<TransportOptions> optionsType() {
        return TransportOptions.class;
    }

    @Override
    public TransportOptions optionsFrom(Map<String, String> config) {
        return new TransportOptions();
    }

    @Override
    public OpenStore open(TransportOptions options, CapabilityRegistry registry) {
        registry.register(EventDispatcherFactory.class, (relay, handlers) -> {
            CREATED_WITH_HANDLERS.addAll(handlers.keySet());
            return new RecordingDispatcher(handlers);
        });
        return () -> { };
    }

    /** Delivers nothing; proves which dispatcher the builder chose. */
    public static final class RecordingDispatcher implements EventDispatcher {
        private final Map<String, EventHandler> handlers;

        RecordingDispatcher(Map<String, EventHandler> handlers) {
            this.handlers = handlers;
        }

        public Map<String, EventHandler> handlers() {
            return handlers;
        }

        @Override
        public void start() {
        }

        @Override
        public void wake() {
        }

        @Override
        public int drain() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}

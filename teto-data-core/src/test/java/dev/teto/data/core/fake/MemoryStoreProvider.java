package dev.teto.data.core.fake;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.OutboxCycle;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.api.spi.OutboxWriter;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.api.spi.TransactionalStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny transactional store in memory, for testing core's transaction rules without a server: each transaction
 * works on a copy, savepoints are snapshots, commit publishes the copy. Not a stand-in for PostgreSQL in any
 * test that claims to test PostgreSQL.
 */
public final class MemoryStoreProvider implements StoreProvider<MemoryOptions> {
    public static final Map<String, Long> COMMITTED = new HashMap<>();
    public static final List<DomainEvent> OUTBOX = new ArrayList<>();
    public static final List<Actor> BEGUN_FOR = new ArrayList<>();

    public static synchronized void reset() {
        COMMITTED.clear();
        OUTBOX.clear();
        BEGUN_FOR.clear();
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Class<MemoryOptions> optionsType() {
        return MemoryOptions.class;
    }

    @Override
    public MemoryOptions optionsFrom(Map<String, String> config) {
        return new MemoryOptions();
    }

    @Override
    public OpenStore open(MemoryOptions options, CapabilityRegistry registry) {
        registry.transactional(new TransactionalStore() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public StoreTransaction begin(TxOptions txOptions, Actor actor) {
                synchronized (MemoryStoreProvider.class) {
                    BEGUN_FOR.add(actor);
                    return new MemoryTransaction(new HashMap<>(COMMITTED));
                }
            }
        }, CounterRepository.class, OutboxWriter.class);
        registry.register(OutboxRelay.class, new OutboxRelay() {
            @Override
            public <R> java.util.Optional<R> underLock(java.util.function.Function<OutboxCycle, R> cycle) {
                return java.util.Optional.empty();   // delivery is not what these tests are about
            }
        });
        return () -> { };
    }

    private static final class MemoryTransaction implements StoreTransaction {
        private Map<String, Long> data;
        private final List<DomainEvent> events = new ArrayList<>();

        MemoryTransaction(Map<String, Long> data) {
            this.data = data;
        }

        @Override
        public <T> T capability(Class<T> type) {
            if (type == OutboxWriter.class) {
                return type.cast((OutboxWriter) events::addAll);
            }
            return type.cast(new CounterRepository() {
                @Override
                public void create(String key) {
                    if (data.putIfAbsent(key, 0L) != null) {
                        throw new DuplicateException("memory", "key", key);
                    }
                }

                @Override
                public long increment(String key) {
                    return data.merge(key, 1L, Long::sum);
                }

                @Override
                public long value(String key) {
                    return data.getOrDefault(key, 0L);
                }
            });
        }

        @Override
        public Object savepoint() {
            return new HashMap<>(data);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void rollbackTo(Object savepoint) {
            data = new HashMap<>((Map<String, Long>) savepoint);
        }

        @Override
        public void release(Object savepoint) {
        }

        @Override
        public void commit() {
            synchronized (MemoryStoreProvider.class) {
                COMMITTED.clear();
                COMMITTED.putAll(data);
                OUTBOX.addAll(events);
            }
        }

        @Override
        public void rollback() {
        }

        @Override
        public void close() {
        }
    }
}

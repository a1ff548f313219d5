package dev.teto.data.search;

import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.search.ContentSource;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.StoreOptions;
import dev.teto.data.api.spi.StoreProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test stand-in for the document store's side of the contract ({@link ChangeFeed} and {@link ContentSource}),
 * so content_search can be tested against a real Elasticsearch while the MongoDB adapter lands separately. It
 * behaves as the port says: changes in commit order with growing versions, at least once, a throwing listener
 * gets the same change again after a pause.
 */
public final class MemoryContentStore implements ChangeFeed, ContentSource {
    private static final Map<String, MemoryContentStore> BY_NAME = new ConcurrentHashMap<>();

    private final AtomicLong version = new AtomicLong();
    private final Map<String, TreeMap<String, ContentChange>> current = new ConcurrentHashMap<>();
    private final LinkedBlockingDeque<ContentChange> pending = new LinkedBlockingDeque<>();
    private final AtomicLong inFlight = new AtomicLong();

    public static MemoryContentStore named(String name) {
        return BY_NAME.computeIfAbsent(name, n -> new MemoryContentStore());
    }

    public synchronized ContentChange put(String collection, String id, Map<String, Object> document) {
        ContentChange change = new ContentChange(collection, id, ContentChange.Kind.UPSERT, version.incrementAndGet(), document);
        current.computeIfAbsent(collection, c -> new TreeMap<>()).put(id, change);
        pending.add(change);
        return change;
    }

    public synchronized ContentChange delete(String collection, String id) {
        ContentChange change = new ContentChange(collection, id, ContentChange.Kind.DELETE, version.incrementAndGet(), Map.of());
        current.computeIfAbsent(collection, c -> new TreeMap<>()).remove(id);
        pending.add(change);
        return change;
    }

    /** Waits until every change so far was acknowledged. */
    public void awaitDelivered() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!pending.isEmpty() || inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("changes not delivered within 30 s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public synchronized List<ContentChange> scan(String collection, String afterId, int limit) {
        TreeMap<String, ContentChange> docs = current.getOrDefault(collection, new TreeMap<>());
        List<ContentChange> out = new ArrayList<>();
        for (ContentChange c : (afterId == null ? docs : docs.tailMap(afterId, false)).values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    @Override
    public synchronized ContentChange find(String collection, String id) {
        return current.getOrDefault(collection, new TreeMap<>()).get(id);
    }

    @Override
    public Subscription subscribe(String subscriber, Set<String> collections, Listener listener) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    ContentChange change = pending.takeFirst();
                    inFlight.incrementAndGet();
                    try {
                        while (true) {
                            try {
                                listener.onChange(change);
                                break;
                            } catch (InterruptedException e) {
                                throw e;
                            } catch (Exception e) {
                                Thread.sleep(100);
                            }
                        }
                    } finally {
                        inFlight.decrementAndGet();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-feed-" + subscriber);
        thread.setDaemon(true);
        thread.start();
        return new Subscription() {
            @Override
            public long lag() {
                return pending.size();
            }

            @Override
            public void close() {
                thread.interrupt();
            }
        };
    }

    /** Options: {@code memcontent.name=<shared store name>}. */
    public record Options(String name) implements StoreOptions {
    }

    public static final class Provider implements StoreProvider<Options> {
        @Override
        public String name() {
            return "memcontent";
        }

        @Override
        public Class<Options> optionsType() {
            return Options.class;
        }

        @Override
        public Options optionsFrom(Map<String, String> config) {
            return new Options(config.get("name"));
        }

        @Override
        public OpenStore open(Options options, CapabilityRegistry registry) {
            MemoryContentStore store = named(options.name());
            registry.register(ChangeFeed.class, store);
            registry.register(ContentSource.class, store);
            return () -> { };
        }
    }
}

package dev.teto.data.core.fake;

import dev.teto.data.api.capability.ProvidedBy;

/** A transactional test capability over {@link MemoryStoreProvider}. */
@ProvidedBy(module = "dev.teto:teto-data-memory", options = "MemoryOptions")
public interface CounterRepository {
    /** Creates the key at zero; a second create is a DuplicateException. */
    void create(String key);

    long increment(String key);

    long value(String key);
}

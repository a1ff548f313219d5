package dev.teto.data.testing.contract;

import dev.teto.data.api.spi.SessionStore;
import dev.teto.data.core.internal.cache.InProcessSessionStore;

import java.time.Clock;

/** Core's in-process session cache against the contract the Redis store also passes. */
class InProcessSessionStoreTest extends SessionStoreContract {
    private final InProcessSessionStore store = new InProcessSessionStore(Clock.systemUTC());

    @Override
    protected SessionStore store() {
        return store;
    }
}

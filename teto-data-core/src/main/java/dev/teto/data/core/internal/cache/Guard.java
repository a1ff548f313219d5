package dev.teto.data.core.internal.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Runs cache-store calls through the breaker, turning every failure into {@link CacheUnavailable}. */
public final class Guard {
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

    private final Breaker breaker;
    private volatile Runnable onFailure = () -> { };

    public Guard(Breaker breaker) {
        this.breaker = breaker;
    }

    /** Called after every failed store call, before the caller falls back. */
    void onFailure(Runnable action) {
        this.onFailure = action;
    }

    public <T> T call(Supplier<T> work) {
        if (!breaker.allows()) {
            throw new CacheUnavailable(null);
        }
        try {
            T result = work.get();
            breaker.success();
            return result;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Like {@link #call} for a call that completes later: the stage fails with {@link CacheUnavailable}. */
    CompletionStage<Void> callLater(Supplier<CompletionStage<Void>> work) {
        if (!breaker.allows()) {
            return CompletableFuture.failedFuture(new CacheUnavailable(null));
        }
        CompletionStage<Void> sent;
        try {
            sent = work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failed(e));
        }
        return sent.handle((done, failure) -> {
            if (failure != null) {
                throw failed(failure);
            }
            breaker.success();
            return null;
        });
    }

    private CacheUnavailable failed(Throwable e) {
        breaker.failure();
        onFailure.run();
        // The class only: a store's message may hold a key, and keys hold ids.
        LOG.debug("cache store call failed: {}", e.getClass().getName());
        return new CacheUnavailable(e);
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    public boolean open() {
        return breaker.isOpen();
    }
}

package dev.teto.data.core.internal.cache;

import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.spi.AssessmentStore;
import dev.teto.data.core.internal.tx.Runner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code ASSESSMENT_PROGRESS}. An answer's statement returns the progress it committed, and the answer sends that
 * figure to the cache right after its commit ({@link CacheLayer#progressCommitted}) without waiting for the reply:
 * the cache keeps the figure with the most answers, so concurrent answers from any thread or instance can store theirs
 * in any order. Until the cache has confirmed it, this process serves the figure itself, so a read here right after
 * an answer costs no round trip and is never older than that answer. No answer reads PostgreSQL for its progress.
 *
 * <p>Answers written without their figure ({@code answerAll}) remove the cached figure instead and queue the
 * assessment id: one background thread reads the committed progress and stores it under a lease, so a load that read
 * an older count can never land over a newer figure. When a figure cannot be stored, the key stays removed
 * (remembered as dirty if even the removal failed), so the next read repairs it from PostgreSQL.
 */
public final class ProgressTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);

    private final CacheLayer cache;
    private final Runner system;
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    /** Figures this process committed that the cache has not confirmed yet: the latest per assessment. */
    private final Map<UUID, AssessmentProgress> committed = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor writer;

    /** @param system runs a read outside any caller's transaction */
    public ProgressTracker(CacheLayer cache, Runner system) {
        this.cache = cache;
        this.system = system;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "teto-progress-write-behind");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * After answers committed without their figure: the cached progress is removed at once, and so is a figure this
     * process was serving, so the caller's next read sees its answers; the update is queued. Never throws; a removal
     * that fails marks the key dirty.
     */
    public void answered(UUID assessmentId) {
        if (!cache.caches()) {
            return;
        }
        committed.remove(assessmentId);
        cache.evict(CacheKeys.progress(assessmentId));
        if (!queued.add(assessmentId)) {
            return;
        }
        try {
            writer.execute(() -> write(assessmentId));
        } catch (RejectedExecutionException e) {
            queued.remove(assessmentId);
        }
    }

    /**
     * After an answer committed with {@code progress}: served here until the cache confirms it has the figure (or a
     * later one), or has failed to take it and the key is marked dirty. Never throws.
     */
    public void answered(AssessmentProgress progress) {
        if (!cache.caches()) {
            return;
        }
        committed.merge(progress.assessmentId(), progress,
                (held, next) -> next.questionsAnswered() >= held.questionsAnswered() ? next : held);
        // Only this figure goes: a later answer's stays until its own put is confirmed.
        cache.progressCommitted(progress).whenComplete((stored, never) ->
                committed.remove(progress.assessmentId(), progress));
    }

    /** @param loader reads PostgreSQL on the caller's runner (its transaction, if it is in one) */
    public Optional<AssessmentProgress> read(UUID assessmentId, Supplier<Optional<AssessmentProgress>> loader) {
        AssessmentProgress mine = committed.get(assessmentId);
        if (mine != null) {
            return Optional.of(mine);
        }
        return cache.read(CacheKeys.progress(assessmentId), AssessmentProgress.class, cache.options().progressTtl(),
                false, loader);
    }

    private void write(UUID assessmentId) {
        queued.remove(assessmentId);
        String key = CacheKeys.progress(assessmentId);
        try {
            // Under a lease: a figure stored after this read cancels the lease, so this one cannot land over it.
            cache.writeBehind(key, cache.options().progressTtl(), () -> load(assessmentId));
        } catch (RuntimeException e) {
            LOG.debug("progress write-behind failed: {}", e.getClass().getName());
            cache.evict(key);
        }
    }

    private Optional<AssessmentProgress> load(UUID assessmentId) {
        return system.run(unit -> unit.port(AssessmentStore.class).progress(assessmentId));
    }

    @Override
    public void close() {
        committed.clear();
        writer.shutdownNow();
        try {
            // The store's pool closes next: a write-behind still reading would log a closed socket.
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

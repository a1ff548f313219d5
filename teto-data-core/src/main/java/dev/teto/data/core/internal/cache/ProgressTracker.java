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
 * {@code ASSESSMENT_PROGRESS}, written behind each committed answer: the answer call removes the cached figure and
 * queues the assessment id, and one background thread reads the committed progress and stores it. Answers that
 * arrive while an update is queued share it. When an update cannot be queued or stored, the key stays removed
 * (remembered as dirty if even the removal failed), so the next read repairs it from PostgreSQL.
 *
 * <p>Until the write-behind stored it, this process serves the progress its own answer committed with (the
 * figure the answer's statement returned), so a taker's read right after an answer costs no round trip. Counts
 * only grow while a test is taken, so of two answers' figures the larger is the later.
 */
public final class ProgressTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);

    private final CacheLayer cache;
    private final Runner system;
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
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
     * After answers committed without their figure (a batch): the cached progress is removed at once, and so is a
     * figure this process was serving from an earlier answer, so the caller's next read sees its answers; the update
     * is queued. Never throws; a removal that fails marks the key dirty.
     */
    public void answered(UUID assessmentId) {
        if (!cache.caches()) {
            return;
        }
        committed.remove(assessmentId);
        writeBehind(assessmentId);
    }

    private void writeBehind(UUID assessmentId) {
        cache.evict(CacheKeys.progress(assessmentId));
        if (!queued.add(assessmentId)) {
            return;
        }
        try {
            writer.execute(() -> write(assessmentId));
        } catch (RejectedExecutionException e) {
            queued.remove(assessmentId);
            committed.remove(assessmentId);
            cache.evict(CacheKeys.progress(assessmentId));
        }
    }

    /** After an answer committed with {@code progress}: as {@link #answered(UUID)}, serving that figure meanwhile. */
    public void answered(AssessmentProgress progress) {
        if (!cache.caches()) {
            return;
        }
        committed.merge(progress.assessmentId(), progress,
                (held, next) -> next.questionsAnswered() >= held.questionsAnswered() ? next : held);
        writeBehind(progress.assessmentId());
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
        AssessmentProgress served = committed.get(assessmentId);
        String key = CacheKeys.progress(assessmentId);
        try {
            // Under a lease: an answer committed after this read removes the key and cancels the lease, so this
            // older figure cannot be stored over it.
            cache.writeBehind(key, cache.options().progressTtl(), () -> load(assessmentId));
        } catch (RuntimeException e) {
            LOG.debug("progress write-behind failed: {}", e.getClass().getName());
            cache.evict(key);
        } finally {
            // A later answer's figure stays: its own write-behind is queued.
            if (served != null) {
                committed.remove(assessmentId, served);
            }
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

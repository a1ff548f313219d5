package dev.teto.data.core.internal.flow;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Question;
import dev.teto.data.core.AnswerBatching;
import dev.teto.data.core.internal.tx.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for answers. Callers queue their answer and wait; committer threads take batches, check each answer,
 * write the ones that pass, and commit once. Each answer is written as its caller's actor: the transaction switches
 * the acting user between answers (row-level security, audit), or, in a store that cannot, batches hold one actor.
 * A refused answer (checks run before any write) fails only its caller. If the batch's transaction fails as a whole
 * (a lock timeout, a lost connection), every answer of it is retried alone, so each caller gets its own outcome.
 * Assessments are locked in id order within a batch, so two batches cannot deadlock each other.
 */
public final class AnswerBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerBatcher.class);
    /** How long a caller waits for its batch: far above the store's statement and lock timeouts. */
    private static final long CALLER_WAIT_SECONDS = 120;

    private final Transactions transactions;
    private final AssessmentFlowService flow;
    private final AnswerBatching options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<Thread> committers = new ArrayList<>();
    private boolean closed;
    /** Whether batches may mix actors (the store switches the acting user per answer); learned from the first batch. */
    private volatile boolean mixActors = true;

    private record Pending(Actor actor, UUID assessmentId, AnswerInput input, CompletableFuture<Answer> outcome) {
    }

    /** @param flow the flow whose checks and write each answer goes through (its own runner is not used) */
    public AnswerBatcher(Transactions transactions, AssessmentFlowService flow, AnswerBatching options) {
        this.transactions = transactions;
        this.flow = flow;
        this.options = options;
        for (int i = 0; i < options.committers(); i++) {
            Thread thread = new Thread(this::commitLoop, "teto-answer-batch-" + i);
            thread.setDaemon(true);
            committers.add(thread);
            thread.start();
        }
    }

    /** Queues the answer and returns once its batch committed; throws what the answer alone would have thrown. */
    Answer submit(Actor actor, UUID assessmentId, AnswerInput input) {
        // As every facade call: the batch would commit outside the caller's transaction, or wait on its locks.
        transactions.refuseInsideTransaction();
        Pending pending = new Pending(actor, assessmentId, input, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this TetoData is closed");
            }
            queue.add(pending);
            arrived.signal();
        } finally {
            lock.unlock();
        }
        try {
            return pending.outcome().get(CALLER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            throw new TransientDataException("core", TransientDataException.Reason.UNAVAILABLE,
                    "the answer's batch did not commit within " + CALLER_WAIT_SECONDS + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the answer's batch committed; it may have committed");
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private void commitLoop() {
        while (true) {
            List<Pending> batch;
            try {
                batch = take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            execute(batch);
        }
    }

    /** Up to maxAnswers queued answers of the first one's actor, after waiting up to maxWait to fill; null when closed. */
    private List<Pending> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return null;
                }
                arrived.await();
            }
            List<Pending> batch = new ArrayList<>();
            Actor actor = queue.peek().actor();
            collect(batch, actor);
            long deadline = System.nanoTime() + options.maxWait().toNanos();
            while (batch.size() < options.maxAnswers() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                arrived.awaitNanos(left);
                collect(batch, actor);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void collect(List<Pending> batch, Actor actor) {
        for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < options.maxAnswers(); ) {
            Pending next = it.next();
            if (mixActors || next.actor().equals(actor)) {
                batch.add(next);
                it.remove();
            }
        }
    }

    private void execute(List<Pending> batch) {
        List<Pending> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(Pending::assessmentId));
        Map<Pending, Answer> written = new IdentityHashMap<>();
        Map<Pending, RuntimeException> refused = new IdentityHashMap<>();
        List<Pending> deferred = new ArrayList<>();
        Map<UUID, Question> known = flow.cachedQuestions(ordered.stream().map(p -> p.input().questionId())
                .collect(java.util.stream.Collectors.toSet()));
        try {
            transactions.runAlone(ordered.get(0).actor(), unit -> {
                if (!unit.canActAs()) {
                    mixActors = false;
                }
                for (Pending p : ordered) {
                    if (!p.actor().equals(unit.actor())) {
                        if (!unit.canActAs()) {
                            deferred.add(p);   // another actor's answer in a store that cannot switch: alone, below
                            continue;
                        }
                        unit.actAs(p.actor());
                    }
                    AssessmentFlowService.PreparedAnswer prepared;
                    try {
                        prepared = flow.prepareAnswer(unit, p.assessmentId(), p.input(),
                                known.get(p.input().questionId()));
                    } catch (ValidationException | NotFoundException | ConflictException e) {
                        refused.put(p, e);   // thrown by the checks, before any write: the transaction goes on
                        continue;
                    }
                    written.put(p, flow.writeAnswer(unit, prepared));
                }
                return null;
            });
        } catch (RuntimeException | Error batchFailure) {
            if (storeUnreachable(batchFailure)) {
                // Alone, each answer would wait out the same timeout again, one after another: fail them together.
                LOG.debug("An answer batch of {} failed: the store is unreachable", ordered.size());
                ordered.forEach(p -> p.outcome().completeExceptionally(batchFailure));
                return;
            }
            LOG.debug("An answer batch of {} failed as a whole ({}); answering each alone", ordered.size(),
                    batchFailure.getClass().getSimpleName());
            ordered.forEach(this::answerAlone);
            return;
        }
        for (Pending p : ordered) {
            RuntimeException failure = refused.get(p);
            if (failure != null) {
                p.outcome().completeExceptionally(failure);
            } else if (written.containsKey(p)) {
                p.outcome().complete(written.get(p));
            }
        }
        deferred.forEach(this::answerAlone);
    }

    /** Lost connections, exhausted pools, timeouts: not one answer's fault, so no answer does better alone. */
    private static boolean storeUnreachable(Throwable failure) {
        if (!(failure instanceof TransientDataException transientFailure)) {
            return false;
        }
        return switch (transientFailure.reason()) {
            case CONNECTION_LOST, POOL_EXHAUSTED, UNAVAILABLE, STATEMENT_TIMEOUT -> true;
            case SERIALIZATION_FAILURE, DEADLOCK, LOCK_TIMEOUT -> false;
        };
    }

    private void answerAlone(Pending p) {
        try {
            p.outcome().complete(transactions.runAlone(p.actor(), unit -> flow.answerIn(unit, p.assessmentId(), p.input())));
        } catch (RuntimeException | Error e) {
            p.outcome().completeExceptionally(e);
        }
    }

    /** Lets the committers finish the batches they hold; answers still queued fail as closed. */
    @Override
    public void close() {
        List<Pending> abandoned;
        lock.lock();
        try {
            closed = true;
            abandoned = new ArrayList<>(queue);
            queue.clear();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        abandoned.forEach(p -> p.outcome().completeExceptionally(new IllegalStateException("this TetoData is closed")));
        for (Thread committer : committers) {
            try {
                committer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

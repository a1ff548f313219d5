package dev.teto.data.core.internal.flow;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.spi.AssessmentStore.AnswerTarget;
import dev.teto.data.core.AnswerBatching;
import dev.teto.data.core.internal.tx.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Group commit for answers. A batch is the answers queued when it starts; it is run by a caller that found a free
 * place (with its own answer first) or by a committer thread, at most {@code committers} at once. It locks every
 * assessment of the batch in one statement, checks each answer, writes the ones that pass in one more, and commits
 * once. Each answer is written as its caller's actor: the transaction switches
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
    private final LongAdder batches = new LongAdder();
    private final LongAdder answers = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    /** Answers their caller wrote as a batch of one: it led a batch and found nothing queued. */
    private final LongAdder aloneAnswers = new LongAdder();
    /** Batches led by a caller on its own thread rather than by a committer. */
    private final LongAdder callerLedBatches = new LongAdder();
    /** Answers taken into batches whose transaction has not ended yet (a frozen server holds them here). */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Batches running, on callers' threads or committers'; at most {@code committers}. Guarded by {@link #lock}. */
    private int runningBatches;
    /** Whether batches may mix actors (the store switches the acting user per answer); learned from the first batch. */
    private volatile boolean mixActors = true;

    /** PostgreSQL's order of UUIDs (unsigned bytes), the order the store locks a batch's rows in. */
    private static final Comparator<UUID> AS_STORED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

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

    /**
     * Returns once the answer's batch committed; throws what the answer alone would have thrown. When batches never
     * wait to fill ({@code maxWait} zero) and fewer than {@code committers} batches are running, the caller leads a
     * batch itself: its own answer and whatever is queued, on its own thread. Handing it to a committer would only
     * add two thread switches (at one request thread the hand-off lost 8% against no batching; at four, where a
     * batch rarely finds company, 6%). Otherwise the answer queues and the next batch to start takes it: a
     * committer's, or another caller's.
     */
    Answer submit(Actor actor, UUID assessmentId, AnswerInput input) {
        // As every facade call: the batch would commit outside the caller's transaction, or wait on its locks.
        transactions.refuseInsideTransaction();
        Pending pending = new Pending(actor, assessmentId, input, new CompletableFuture<>());
        List<Pending> led = null;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this TetoData is closed");
            }
            if (options.maxWait().isZero() && runningBatches < options.committers()) {
                led = new ArrayList<>();
                led.add(pending);
                collect(led, actor);
                start(led);
            } else {
                queue.add(pending);
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
        if (led != null) {
            callerLedBatches.increment();
            if (led.size() == 1) {
                aloneAnswers.increment();
            }
            run(led);
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

    /** Counts a batch as running; called under {@link #lock}. Wakes a committer for what is still queued. */
    private void start(List<Pending> batch) {
        runningBatches++;
        inFlight.addAndGet(batch.size());
        if (!queue.isEmpty() && runningBatches < options.committers()) {
            arrived.signal();
        }
    }

    /** Executes a started batch, then frees its place and wakes a committer if answers wait for one. */
    private void run(List<Pending> batch) {
        try {
            execute(batch);
        } finally {
            inFlight.addAndGet(-batch.size());
            lock.lock();
            try {
                runningBatches--;
                if (!queue.isEmpty()) {
                    arrived.signal();
                }
            } finally {
                lock.unlock();
            }
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
            run(batch);
        }
    }

    /**
     * Up to maxAnswers queued answers of the first one's actor, once fewer than {@code committers} batches run,
     * after waiting up to maxWait to fill; started ({@link #start}); null when closed.
     */
    private List<Pending> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() || runningBatches >= options.committers()) {
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
            start(batch);
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
        batches.increment();
        answers.add(batch.size());
        List<Pending> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(Pending::assessmentId, AS_STORED));
        List<Pending> deferred = takeRepeats(ordered);
        Map<Pending, AssessmentFlowService.BatchOutcome> outcomes = new IdentityHashMap<>();
        Map<UUID, Question> known = flow.cachedQuestions(ordered.stream().map(p -> p.input().questionId())
                .collect(java.util.stream.Collectors.toSet()));
        try {
            transactions.runAlone(ordered.get(0).actor(), unit -> {
                if (!unit.canActAs()) {
                    mixActors = false;
                }
                for (List<Pending> group : byActor(ordered)) {
                    if (!group.get(0).actor().equals(unit.actor())) {
                        if (!unit.canActAs()) {
                            deferred.addAll(group);   // another actor in a store that cannot switch: alone, below
                            continue;
                        }
                        unit.actAs(group.get(0).actor());
                    }
                    List<AssessmentFlowService.BatchOutcome> results = flow.answerBatchIn(unit,
                            group.stream().map(p -> new AnswerTarget(p.assessmentId(), p.input().questionId())).toList(),
                            group.stream().map(Pending::input).toList(), known);
                    for (int i = 0; i < group.size(); i++) {
                        outcomes.put(group.get(i), results.get(i));
                    }
                }
                return null;
            });
        } catch (RuntimeException | Error batchFailure) {
            failedBatches.increment();
            ordered.addAll(deferred);
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
        outcomes.forEach((p, outcome) -> {
            if (outcome.refusal() != null) {
                p.outcome().completeExceptionally(outcome.refusal());
            } else {
                p.outcome().complete(outcome.answer());
            }
        });
        deferred.forEach(this::answerAlone);
    }

    /**
     * Removes and returns the second and later answers to one question of one assessment: one statement cannot
     * write a row twice. They are answered alone after the batch, so the last submitted still wins.
     */
    private static List<Pending> takeRepeats(List<Pending> ordered) {
        List<Pending> repeats = new ArrayList<>();
        Set<AnswerTarget> seen = new HashSet<>();
        for (Iterator<Pending> it = ordered.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (!seen.add(new AnswerTarget(p.assessmentId(), p.input().questionId()))) {
                repeats.add(p);
                it.remove();
            }
        }
        return repeats;
    }

    /** Runs of consecutive answers of one actor: locks stay in assessment order across the whole batch. */
    private static List<List<Pending>> byActor(List<Pending> ordered) {
        List<List<Pending>> groups = new ArrayList<>();
        for (Pending p : ordered) {
            List<Pending> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && last.get(0).actor().equals(p.actor())) {
                last.add(p);
            } else {
                groups.add(new ArrayList<>(List.of(p)));
            }
        }
        return groups;
    }

    /**
     * {@value #HEALTH_NAME} for {@code data.health()} and its meters: totals since start, the answers queued for a
     * batch and those in batches still committing. Always UP: a batch that fails reaches its callers, and the
     * store's own component says why.
     */
    public ComponentHealth health() {
        int waiting;
        lock.lock();
        try {
            waiting = queue.size();
        } finally {
            lock.unlock();
        }
        long batchCount = batches.sum();
        long answerCount = answers.sum();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("batches", batchCount);
        metrics.put("batched_answers", answerCount);
        metrics.put("failed_batches", failedBatches.sum());
        metrics.put("alone_answers", aloneAnswers.sum());
        metrics.put("caller_led_batches", callerLedBatches.sum());
        metrics.put("answers_per_batch", batchCount == 0 ? 0.0 : Math.round(answerCount * 10.0 / batchCount) / 10.0);
        metrics.put("waiting_answers", waiting);
        metrics.put("in_flight_answers", inFlight.get());
        return ComponentHealth.up(HEALTH_NAME, metrics);
    }

    public static final String HEALTH_NAME = "answer-batching";

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

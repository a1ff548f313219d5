package dev.teto.data.cli.demo;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.cli.demo.TakerRun.Outcome;
import dev.teto.data.cli.demo.TakerRun.Step;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * {@code demo seed}: takes takers 0..N-1 of a {@link DemoPopulation} through the SDK on a few threads, with the
 * processors drained meanwhile so {@code assessment_analytics}, {@code behavioral_patterns} and
 * {@code cohort_analytics} fill as in production; then waits until they have caught up and writes every cohort's
 * upgrade rate over the whole population ({@link CohortUpgrades}).
 *
 * <p>Resumable: a taker is identified by (seed, index), so a second run with the same seed finds the takers the
 * first one made. Done takers are skipped, half-done ones (an assessment in progress) are finished as planned, and
 * the missing ones are created; {@code --takers 500} after {@code --takers 300} adds takers 300..499.
 */
public final class DemoSeeder {
    /** Most threads a seed may use: each holds a pooled connection. */
    public static final int MAX_THREADS = 32;
    /** How long to wait for the processors to catch up after the last taker. */
    static final Duration CATCH_UP = Duration.ofMinutes(2);
    /** The processors have caught up once this many drains in a row found nothing. */
    private static final int QUIET_DRAINS = 3;
    private static final long QUIET_PAUSE_MS = 300;

    /** Counts of one run; {@code created + resumed + skipped} is the number of takers asked for. */
    public record Result(int created, int resumed, int skipped, int completed, int abandoned, int upgraded,
                         long eventsProcessed, boolean caughtUp, CohortUpgrades.Written cohorts) {
    }

    private final TetoOperations data;
    private final DemoPopulation population;
    private final Clock clock;

    public DemoSeeder(TetoOperations data, DemoPopulation population, Clock clock) {
        this.data = data;
        this.population = population;
        this.clock = clock;
    }

    /**
     * Seeds takers {@code 0..takers-1} on {@code threads} threads; {@code progress} gets the number of takers done
     * so far, on the calling thread.
     *
     * @throws ValidationException for {@code takers < 1} or {@code threads} outside 1..{@value #MAX_THREADS}
     */
    public Result seed(int takers, int threads, LongConsumer progress) {
        if (takers < 1) {
            throw new ValidationException("takers", takers, "must be at least 1");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ValidationException("threads", threads, "must be between 1 and " + MAX_THREADS);
        }
        TakerRun run = new TakerRun(data, questions(), new TetoEgenScorer(), clock);
        try (Processors processors = Processors.create(data, ProcessorOptions.DEFAULTS)) {
            // Drained on a thread of our own rather than start()ed, so the summary counts what this run handled.
            AtomicLong events = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread drainer = drainWhileSeeding(processors, events, stop);
            List<Outcome> outcomes;
            try {
                outcomes = runAll(run, takers, threads, progress);
            } finally {
                stop(drainer, stop);
            }
            boolean caughtUp = catchUp(processors, events);
            CohortUpgrades.Written cohorts = new CohortUpgrades(data, clock).write();
            return summarise(outcomes, events.get(), caughtUp, cohorts);
        }
    }

    /** The active questions of the demo version in order, seeding the set first when the version has none. */
    List<Question> questions() {
        if (data.questions().countActive(TetoEgenQuestions.VERSION) == 0) {
            data.questions().createAll(TetoEgenQuestions.all());
        }
        List<Question> questions = data.questions()
                .listActive(TetoEgenQuestions.VERSION, PageRequest.first(PageRequest.MAX_LIMIT)).items();
        if (questions.size() != TetoEgenQuestions.COUNT) {
            throw new ValidationException("questions", questions.size(), "the demo needs exactly "
                    + TetoEgenQuestions.COUNT + " active questions of " + TetoEgenQuestions.VERSION);
        }
        return questions;
    }

    private List<Outcome> runAll(TakerRun run, int takers, int threads, LongConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "demo-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>(takers);
            for (int i = 0; i < takers; i++) {
                TakerPlan plan = population.plan(i);
                futures.add(pool.submit(() -> run.run(plan)));
            }
            List<Outcome> outcomes = new ArrayList<>(takers);
            for (Future<Outcome> f : futures) {
                outcomes.add(await(f));
                progress.accept(outcomes.size());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (ExecutionException e) {
            // the first failing taker stops the run; what was committed stays, and a re-run resumes from it
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A daemon thread draining the processors until {@code stop}, adding what it handled to {@code events}. Stopped
     * by a flag, not an interrupt, which would break a store call midway. A failing drain ends the thread quietly:
     * the catch-up after the takers drains on the caller's thread and reports the same failure there.
     */
    private static Thread drainWhileSeeding(Processors processors, AtomicLong events, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            try {
                while (!stop.get()) {
                    int handled = processors.drain();
                    events.addAndGet(handled);
                    if (handled == 0) {
                        Thread.sleep(QUIET_PAUSE_MS);
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                // see above: the catch-up on the caller's thread drains what is left
            }
        }, "demo-seed-processors");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void stop(Thread drainer, AtomicBoolean stop) {
        stop.set(true);
        try {
            drainer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the processors", e);
        }
    }

    /** Drains until the processors find nothing new several times in a row, or {@link #CATCH_UP} passes. */
    private static boolean catchUp(Processors processors, AtomicLong events) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        int quiet = 0;
        while (quiet < QUIET_DRAINS) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            int handled = processors.drain();
            events.addAndGet(handled);
            quiet = handled == 0 ? quiet + 1 : 0;
            if (handled == 0) {
                pause();
            }
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(QUIET_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the processors", e);
        }
    }

    private static Result summarise(List<Outcome> outcomes, long events, boolean caughtUp,
            CohortUpgrades.Written cohorts) {
        int[] steps = new int[Step.values().length];
        int completed = 0;
        int upgraded = 0;
        for (Outcome o : outcomes) {
            steps[o.step().ordinal()]++;
            completed += o.profile() != null ? 1 : 0;
            upgraded += o.upgraded() ? 1 : 0;
        }
        return new Result(steps[Step.CREATED.ordinal()], steps[Step.RESUMED.ordinal()], steps[Step.SKIPPED.ordinal()],
                completed, outcomes.size() - completed, upgraded, events, caughtUp, cohorts);
    }
}

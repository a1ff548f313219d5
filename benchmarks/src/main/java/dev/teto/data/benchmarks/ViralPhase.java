package dev.teto.data.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;

/**
 * One measured phase of {@link ViralPeakBenchmark}: {@code users} journeys on {@code threads} worker threads, like a
 * web backend with that many request threads; each thread takes the next user as soon as its last one finished.
 */
final class ViralPhase {

    /** What a phase did: how long it took, how many journeys completed, every call's latency. */
    record Result(String name, int users, int threads, double seconds, int completed, long answers,
                  ViralRecorder recorder, CpuMeter.Sample cpu, Map<String, Double> threadCpu) {
        double completedPerSecond() {
            return completed / seconds;
        }

        double answersPerSecond() {
            return answers / seconds;
        }
    }

    private ViralPhase() {
    }

    /**
     * @param perThread makes each worker thread's {@link ViralUser} (closed when the thread is done)
     * @throws IllegalStateException when any journey failed (with the first failure as cause)
     */
    static Result run(String name, int users, int threads, List<UUID> questionIds, Supplier<ViralUser> perThread) {
        CpuMeter.Sample cpuBefore = CpuMeter.sample();
        ThreadCpu threadsBefore = ThreadCpu.snapshot();
        DoubleAdder workerCpu = new DoubleAdder();
        long start = System.nanoTime();
        ViralRecorder recorder = new ViralRecorder(start);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            ViralRecorder.Lane lane = recorder.lane();
            Thread worker = new Thread(() -> {
                try (ViralUser user = perThread.get()) {
                    for (int i = next.getAndIncrement(); i < users && failures.isEmpty(); i = next.getAndIncrement()) {
                        user.run(i, questionIds, lane);
                        completed.incrementAndGet();
                    }
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                } finally {
                    workerCpu.add(ThreadCpu.current());
                }
            }, "viral-" + name.replaceAll("[^a-z0-9]+", "-") + "-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException(name + ": " + failures.size()
                    + " worker(s) failed; the first: " + failures.peek(), failures.peek());
            failures.stream().skip(1).limit(3).forEach(failure::addSuppressed);
            throw failure;
        }
        long answers = recorder.finishTimes(false).length;
        Map<String, Double> threadCpu = new LinkedHashMap<>();
        threadCpu.put("request threads (" + threads + ")", workerCpu.sum());
        threadCpu.putAll(ThreadCpu.snapshot().since(threadsBefore));
        return new Result(name, users, threads, seconds, completed.get(), answers, recorder,
                CpuMeter.settledSample().minus(cpuBefore), threadCpu);
    }
}

package dev.teto.data.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The round loop both benchmarks share: warm-up rounds, then measured rounds; in each, every variant gets its own
 * fresh workloads (made before its timer starts) and only {@link Variant#run} is timed. The order of the variants
 * rotates from round to round, so no variant always runs on the smallest (or largest) tables.
 */
final class Rounds {

    private Rounds() {
    }

    /**
     * @param fresh makes {@code n} new workloads; called once per variant and round, outside the timed region
     * @return one result per variant, in the order of {@code variants}
     */
    static List<VariantResult> run(List<Variant> variants, IntFunction<List<Workload>> fresh, RunConfig config,
            PrintStream progress) {
        List<VariantResult> results = new ArrayList<>();
        variants.forEach(v -> results.add(new VariantResult(v.name())));
        int total = config.warmupRounds() + config.rounds();
        for (int round = 0; round < total; round++) {
            boolean measured = round >= config.warmupRounds();
            progress.printf("%s round %d/%d ...%n", measured ? "measured" : "warm-up",
                    measured ? round - config.warmupRounds() + 1 : round + 1,
                    measured ? config.rounds() : config.warmupRounds());
            for (int k = 0; k < variants.size(); k++) {
                int i = (round + k) % variants.size();
                List<Workload> workloads = fresh.apply(config.assessments());
                double seconds = time(variants.get(i), workloads);
                results.get(i).recordWorkloads(workloads);
                if (measured) {
                    results.get(i).recordRound(seconds);
                }
            }
        }
        return List.copyOf(results);
    }

    private static double time(Variant variant, List<Workload> workloads) {
        long start = System.nanoTime();
        variant.run(workloads);
        return (System.nanoTime() - start) / 1e9;
    }
}

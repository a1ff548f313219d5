package dev.teto.data.benchmarks;

import java.util.List;

/** One way of doing a benchmark's work. {@link #run} is the timed region; the workloads exist before it starts. */
interface Variant {

    /** Short name, as printed in the result table. */
    String name();

    /** Does the variant's work for every workload: saves its answers, or completes its assessment. */
    void run(List<Workload> workloads);
}

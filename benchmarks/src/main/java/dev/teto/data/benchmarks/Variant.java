package dev.teto.data.benchmarks;

import java.util.List;

/** One way of saving answers. {@link #ingest} is the timed region; the workloads exist before it starts. */
interface Variant {

    /** Short name, as printed in the result table. */
    String name();

    /** Saves every answer of every workload. */
    void ingest(List<Workload> workloads);
}

package dev.teto.data.benchmarks;

import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.core.TetoData;

import java.util.List;

/** The SDK variant of the completion benchmark: {@link AssessmentFlow#complete(java.util.UUID)} per assessment. */
final class SdkCompletion {

    private SdkCompletion() {
    }

    /**
     * One {@code assessmentFlow().complete(id)} call (one transaction) per assessment, scored by the builder's
     * {@link TrivialScorer#SDK}. Each writes the completion, the profile and two outbox rows.
     */
    static Variant complete(TetoData data) {
        return new Variant() {
            @Override
            public String name() {
                return "sdk complete";
            }

            @Override
            public void run(List<Workload> workloads) {
                AssessmentFlow flow = data.assessmentFlow();
                for (Workload w : workloads) {
                    flow.complete(w.assessmentId());
                }
            }
        };
    }
}

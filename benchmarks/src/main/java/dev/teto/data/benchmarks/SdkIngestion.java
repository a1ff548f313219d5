package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.core.TetoData;

import java.util.List;

/** The SDK variants: {@link AssessmentFlow#answer} per answer, and {@link AssessmentFlow#answerAll} per assessment. */
final class SdkIngestion {

    private SdkIngestion() {
    }

    /** One {@code assessmentFlow().answer(..)} call (one transaction) per answer. */
    static Variant oneByOne(TetoData data) {
        return new Variant() {
            @Override
            public String name() {
                return "sdk one-by-one";
            }

            @Override
            public void run(List<Workload> workloads) {
                AssessmentFlow flow = data.assessmentFlow();
                for (Workload w : workloads) {
                    for (AnswerInput answer : w.answers()) {
                        flow.answer(w.assessmentId(), answer);
                    }
                }
            }
        };
    }

    /** One {@code assessmentFlow().answerAll(..)} call (one transaction, one batch) per assessment. */
    static Variant batch(TetoData data) {
        return new Variant() {
            @Override
            public String name() {
                return "sdk batch";
            }

            @Override
            public void run(List<Workload> workloads) {
                AssessmentFlow flow = data.assessmentFlow();
                for (Workload w : workloads) {
                    flow.answerAll(w.assessmentId(), w.answers());
                }
            }
        };
    }
}

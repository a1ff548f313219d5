package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;

import java.util.List;
import java.util.UUID;

/** One fresh, in-progress assessment and the answers a variant is to save for it. */
record Workload(UUID assessmentId, List<AnswerInput> answers) {

    Workload {
        answers = List.copyOf(answers);
    }
}

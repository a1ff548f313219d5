package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;

import java.util.List;
import java.util.UUID;

/**
 * One fresh assessment and its answers: for answer ingestion, the answers a variant is to save; for completion,
 * the answers already stored (in the untimed set-up) before the variant completes it.
 */
record Workload(UUID assessmentId, List<AnswerInput> answers) {

    Workload {
        answers = List.copyOf(answers);
    }
}

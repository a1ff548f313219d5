package dev.teto.data.core.internal.flow;

import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Assessment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An assessment completes only when every question of the set recorded at its start has an answer. Comparing
 * counts is not enough: a question added to the version later would stand in for one never answered.
 */
final class CompletionRule {
    private CompletionRule() {
    }

    static void requireEveryQuestionAnswered(Assessment assessment, List<UUID> questionSet, List<Answer> answers) {
        if (questionSet.isEmpty()) {
            throw new ConflictException("assessment " + assessment.id() + " has no question set to complete");
        }
        Set<UUID> answered = new HashSet<>();
        answers.forEach(a -> answered.add(a.questionId()));
        long missing = questionSet.stream().filter(q -> !answered.contains(q)).count();
        if (missing > 0) {
            throw new ConflictException("assessment " + assessment.id() + " has " + missing + " of "
                    + questionSet.size() + " questions unanswered");
        }
    }
}

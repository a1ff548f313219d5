package dev.teto.data.core.internal.flow;

import dev.teto.data.api.model.Question;
import dev.teto.data.api.spi.AssessmentStore;
import dev.teto.data.core.internal.cache.CacheKeys;
import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.core.internal.tx.Runner;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The question an answer is checked against, from this process's near cache, read before the answer's transaction
 * opens (a transaction never reads the cache). Saves the answer path a statement per call; question changes
 * invalidate it as they do for {@code questions().findById}. Null means "read it inside the transaction": no cache
 * is configured, or the cache failed.
 */
final class AnswerQuestions {
    private final CacheLayer cache;
    private final Runner system;

    /** @param system runs a miss's read outside any caller's transaction */
    AnswerQuestions(CacheLayer cache, Runner system) {
        this.cache = cache;
        this.system = system;
    }

    Question cached(UUID questionId) {
        if (!cache.caches() || questionId == null) {
            return null;
        }
        try {
            return cache.read(CacheKeys.question(questionId), Question.class, cache.options().questionTtl(), true,
                    () -> system.run(unit -> Optional.ofNullable(unit.port(AssessmentStore.class)
                            .questions(Set.of(questionId)).get(questionId)))).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

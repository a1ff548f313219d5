package dev.teto.data.core.internal.rules;

import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.QuestionRepository;
import dev.teto.data.core.internal.cache.CacheKeys;
import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.tx.Runner;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Questions: read through the cache and this process's near cache ({@code QUESTION:<id>}); every create and
 * update publishes {@code question.changed}, which invalidates both everywhere.
 */
public final class QuestionRules extends PortCalls<QuestionRepository> implements QuestionRepository {
    private final CacheLayer cache;

    public QuestionRules(Runner runner, CacheLayer cache) {
        super(runner, QuestionRepository.class);
        this.cache = cache;
    }

    @Override
    public Question create(NewQuestion question) {
        return unit((unit, questions) -> {
            Question created = questions.create(question);
            unit.publish(Events.questionChanged(created.id(), created.version(), "created"));
            return created;
        });
    }

    @Override
    public List<Question> createAll(List<NewQuestion> questions) {
        return unit((unit, repository) -> {
            List<Question> created = repository.createAll(questions);
            created.forEach(q -> unit.publish(Events.questionChanged(q.id(), q.version(), "created")));
            return created;
        });
    }

    @Override
    public Optional<Question> findById(UUID id) {
        return cache.read(CacheKeys.question(id), Question.class, cache.options().questionTtl(), true,
                () -> call(questions -> questions.findById(id)));
    }

    @Override
    public Question update(UUID id, QuestionUpdate update) {
        return unit((unit, questions) -> {
            Question updated = questions.update(id, update);
            unit.publish(Events.questionChanged(updated.id(), updated.version(), "updated"));
            return updated;
        });
    }

    @Override
    public Page<Question> listActive(String version, PageRequest page) {
        return call(questions -> questions.listActive(version, page));
    }

    @Override
    public Page<Question> listActiveByCategory(String category, PageRequest page) {
        return call(questions -> questions.listActiveByCategory(category, page));
    }

    @Override
    public int countActive(String version) {
        return call(questions -> questions.countActive(version));
    }
}

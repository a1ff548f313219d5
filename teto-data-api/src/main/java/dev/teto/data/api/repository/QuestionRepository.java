package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The question bank, versioned. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface QuestionRepository {
    Question create(NewQuestion question);

    /** All or nothing: one transaction, one batch. */
    List<Question> createAll(List<NewQuestion> questions);

    Optional<Question> findById(UUID id);

    Question update(UUID id, QuestionUpdate update);

    /** Active questions of a version, by {@code order_index}. */
    Page<Question> listActive(String version, PageRequest page);

    /** Active questions of a category across versions, by {@code order_index}, then id. */
    Page<Question> listActiveByCategory(String category, PageRequest page);

    int countActive(String version);
}

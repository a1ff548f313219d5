package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.QuestionRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The question bank in {@code questions}. */
final class JdbiQuestionRepository implements QuestionRepository {
    static final RecordRowMapper<Question> MAPPER = RecordRowMapper.of(Question.class).column("active", "is_active");

    private static final String INSERT = """
            INSERT INTO questions (text, category, subcategory, order_index, question_type, options, version, is_active)
            VALUES (:text, :category, :subcategory, :orderIndex, COALESCE(:questionType, 'likert_scale'),
                    CAST(:options AS jsonb), :version, COALESCE(:active, TRUE))""";
    /** order_index is optional; questions without one come last. */
    private static final Keyset.SortKey<Question> BY_ORDER =
            Keyset.SortKey.nullable("order_index", Integer.class, Question::orderIndex);

    private final Sql sql;

    JdbiQuestionRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Question create(NewQuestion question) {
        return sql.with(h -> RecordParameters.bind(h.createQuery(INSERT + " RETURNING *"), question).map(MAPPER).one());
    }

    @Override
    public List<Question> createAll(List<NewQuestion> questions) {
        if (questions.isEmpty()) {
            return List.of();
        }
        return sql.with(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            questions.forEach(q -> RecordParameters.bind(batch, q).add());
            return batch.executePreparedBatch("*").map(MAPPER).list();
        });
    }

    @Override
    public Optional<Question> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM questions WHERE id = :id", "id", id);
    }

    @Override
    public Question update(UUID id, QuestionUpdate update) {
        return sql.updateOne(Entities.QUESTION, id, MAPPER, """
                UPDATE questions SET
                    text = COALESCE(:text, text),
                    category = COALESCE(:category, category),
                    subcategory = COALESCE(:subcategory, subcategory),
                    order_index = COALESCE(:orderIndex, order_index),
                    question_type = COALESCE(:questionType, question_type),
                    options = COALESCE(CAST(:options AS jsonb), options),
                    is_active = COALESCE(:active, is_active)
                WHERE id = :id
                RETURNING *""", update);
    }

    @Override
    public Page<Question> listActive(String version, PageRequest page) {
        return active("questions.active", "version = :version", Map.of("version", version), page);
    }

    /**
     * By (order_index, id), so versions interleave instead of coming one after another: keyset pages on a single
     * column. created_at would not group them either, and a batch written in one transaction shares it, which
     * would leave the order to random ids.
     */
    @Override
    public Page<Question> listActiveByCategory(String category, PageRequest page) {
        return active("questions.activeByCategory", "category = :category", Map.of("category", category), page);
    }

    @Override
    public int countActive(String version) {
        return sql.with(h -> h.createQuery("SELECT count(*) FROM questions WHERE version = :version AND is_active")
                .bind("version", version).mapTo(Integer.class).one());
    }

    private Page<Question> active(String listing, String condition, Map<String, Object> params, PageRequest page) {
        return sql.with(h -> new Keyset<>(listing, "SELECT *", "FROM questions WHERE is_active AND " + condition,
                params, BY_ORDER, false, MAPPER, Question::id).fetch(h, page));
    }
}

package dev.teto.data.postgres;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.repository.QuestionRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbiQuestionRepository implements QuestionRepository {
    static final RowMapper<Question> MAPPER = (rs, ctx) -> new Question(
            Rows.uuid(rs, "id"),
            rs.getString("text"),
            rs.getString("category"),
            rs.getString("subcategory"),
            Rows.integer(rs, "order_index"),
            rs.getString("question_type"),
            Rows.json(rs, "options"),
            rs.getString("version"),
            rs.getBoolean("is_active"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private static final String INSERT = """
            INSERT INTO questions (text, category, subcategory, order_index, question_type, options, version, is_active)
            VALUES (:text, :category, :subcategory, :orderIndex, COALESCE(:questionType, 'likert_scale'),
                    CAST(:options AS jsonb), :version, COALESCE(:active, TRUE))""";

    private final SqlExecutor sql;

    JdbiQuestionRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Question create(NewQuestion question) {
        Check.required("question", question).validate();
        return sql.inTransaction(h -> bindQuestion(h.createQuery(INSERT + " RETURNING *"), question).map(MAPPER).one());
    }

    @Override
    public List<Question> createAll(List<NewQuestion> questions) {
        Check.required("questions", questions);
        for (int i = 0; i < questions.size(); i++) {
            Check.required("questions[" + i + "]", questions.get(i)).validate();
        }
        if (questions.isEmpty()) {
            return List.of();
        }
        return sql.inTransaction(h -> insertBatch(h, questions));
    }

    private static List<Question> insertBatch(Handle handle, List<NewQuestion> questions) {
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (NewQuestion question : questions) {
            bindQuestion(batch, question).add();
        }
        List<Question> created = new ArrayList<>(questions.size());
        batch.executePreparedBatch("*").map(MAPPER).forEach(created::add);
        return created;
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindQuestion(S statement, NewQuestion q) {
        return statement
                .bind("text", q.text())
                .bind("category", q.category())
                .bind("subcategory", q.subcategory())
                .bind("orderIndex", q.orderIndex())
                .bind("questionType", q.questionType())
                .bind("options", Json.write("options", q.options()))
                .bind("version", q.version())
                .bind("active", q.active());
    }

    @Override
    public Optional<Question> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM questions WHERE id = :id", "id", id);
    }

    @Override
    public Question update(UUID id, QuestionUpdate update) {
        Check.id("id", id);
        Check.required("update", update).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE questions SET
                            text = COALESCE(:text, text),
                            category = COALESCE(:category, category),
                            subcategory = COALESCE(:subcategory, subcategory),
                            order_index = COALESCE(:orderIndex, order_index),
                            question_type = COALESCE(:questionType, question_type),
                            options = COALESCE(CAST(:options AS jsonb), options),
                            is_active = COALESCE(:active, is_active)
                        WHERE id = :id
                        RETURNING *""")
                .bind("id", id)
                .bind("text", update.text())
                .bind("category", update.category())
                .bind("subcategory", update.subcategory())
                .bind("orderIndex", update.orderIndex())
                .bind("questionType", update.questionType())
                .bind("options", Json.write("options", update.options()))
                .bind("active", update.active())
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("question", id)));
    }

    @Override
    public List<Question> listActive(String version) {
        Check.required("version", version);
        return sql.inTransaction(h -> h.createQuery("""
                        SELECT * FROM questions WHERE version = :version AND is_active
                        ORDER BY order_index NULLS LAST, created_at, id""")
                .bind("version", version).map(MAPPER).list());
    }

    @Override
    public List<Question> listActiveByCategory(String category) {
        Check.required("category", category);
        return sql.inTransaction(h -> h.createQuery("""
                        SELECT * FROM questions WHERE category = :category AND is_active
                        ORDER BY version, order_index NULLS LAST, id""")
                .bind("category", category).map(MAPPER).list());
    }

    @Override
    public int countActive(String version) {
        Check.required("version", version);
        return sql.inTransaction(h -> countActive(h, version));
    }

    static int countActive(Handle handle, String version) {
        return handle.createQuery("SELECT count(*) FROM questions WHERE version = :version AND is_active")
                .bind("version", version).mapTo(Integer.class).one();
    }
}

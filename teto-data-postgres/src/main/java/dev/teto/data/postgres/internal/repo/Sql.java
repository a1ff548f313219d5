package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;
import java.util.UUID;

/**
 * The one way repositories reach the database: through the handle of the transaction core opened for the call,
 * with every driver error translated into the api's exceptions.
 */
public final class Sql {
    private final Handle handle;

    public Sql(Handle handle) {
        this.handle = handle;
    }

    public <R> R with(HandleCallback<R, RuntimeException> work) {
        try {
            return work.withHandle(handle);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** The single row {@code query} finds with one named parameter, if any. */
    public <T> Optional<T> findOne(RowMapper<T> mapper, String query, String parameter, Object value) {
        return with(h -> h.createQuery(query).bind(parameter, value).map(mapper).findOne());
    }

    /**
     * The row {@code statement}, an {@code UPDATE ... WHERE id = :id ... RETURNING}, changed: {@code :id} and the
     * components of {@code changes} (may be null) are bound. No row matched: {@link NotFoundException} for
     * {@code entity}, one of the {@link dev.teto.data.api.error.Entities} names.
     */
    public <T> T updateOne(String entity, UUID id, RowMapper<T> mapper, String statement, Record changes) {
        return with(h -> RecordParameters.bind(h.createQuery(statement), changes).bind("id", id).map(mapper).findOne())
                .orElseThrow(() -> new NotFoundException(SqlErrors.STORE, entity, id));
    }
}

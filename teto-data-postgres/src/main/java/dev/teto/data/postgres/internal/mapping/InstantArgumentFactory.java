package dev.teto.data.postgres.internal.mapping;

import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Binds {@link Instant} as a {@code timestamptz} in UTC. Jdbi's default goes through {@code java.sql.Timestamp},
 * which involves the JVM's default time zone; this one does not.
 */
public final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {

    public InstantArgumentFactory() {
        super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
    }
}

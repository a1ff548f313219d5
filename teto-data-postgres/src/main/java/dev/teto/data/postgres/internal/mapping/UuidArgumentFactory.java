package dev.teto.data.postgres.internal.mapping;

import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

import java.sql.Types;
import java.util.UUID;

/**
 * Binds {@link UUID} natively, and a null UUID as an untyped null. Jdbi's default sends a null UUID as
 * {@code varchar}, which PostgreSQL refuses for a {@code uuid} column.
 */
public final class UuidArgumentFactory extends AbstractArgumentFactory<UUID> {

    public UuidArgumentFactory() {
        super(Types.OTHER);
    }

    @Override
    protected Argument build(UUID value, ConfigRegistry config) {
        return (position, statement, ctx) -> statement.setObject(position, value);
    }
}

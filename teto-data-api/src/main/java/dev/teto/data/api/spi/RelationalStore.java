package dev.teto.data.api.spi;

import dev.teto.data.api.TetoRepositories;

import java.util.function.Function;

/** What a relational adapter gives {@link dev.teto.data.api.TetoData}: repositories, transactions, and its pool. */
public interface RelationalStore extends TetoRepositories, AutoCloseable {

    /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
    <R> R inTransaction(Function<TetoRepositories, R> work);

    @Override
    void close();
}

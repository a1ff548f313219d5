package dev.teto.data.redis;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.testing.TestDatabase;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A pool on the test schema that counts the statements PostgreSQL is asked to prepare whose SQL matches: how a test
 * tells whether a read reached the record of truth. Handed to {@code PostgresOptions.dataSource(...)}.
 */
final class CountingDataSource implements DataSource, AutoCloseable {
    private final HikariDataSource pool;
    private final Predicate<String> counted;
    private final AtomicInteger count;

    CountingDataSource(TestDatabase db, Predicate<String> counted, AtomicInteger count) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.appUsername());
        config.setPassword(db.appPassword());
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(2);
        this.pool = new HikariDataSource(config);
        this.counted = counted;
        this.count = count;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counting(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counting(pool.getConnection(username, password));
    }

    private Connection counting(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args[0] instanceof String sql && counted.test(sql)) {
                        count.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}

package dev.teto.data.postgres.internal.health;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PostgreSQL server as {@code data.health()} sees it: a round trip through the pool callers use (so a pool
 * that cannot hand out a connection shows), its latency, the pool's usage, and replication: whether this server is
 * a standby (then how far its replay is behind) and how many standbys stream from it. UP or DOWN only: the SDK has no
 * fallback for its record of truth. Meant to run inside a {@link BoundedCheck}; a replica's pool gets one of its own
 * under another name ({@code postgres-replica}).
 */
public final class PostgresHealth implements HealthIndicator {
    public static final String NAME = "postgres";
    static final String QUERY = """
            SELECT pg_is_in_recovery() AS standby,
                   (SELECT count(*) FROM pg_stat_replication) AS streaming,
                   CASE WHEN pg_is_in_recovery()
                        THEN COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)
                   END AS replay_lag""";

    private final String name;
    private final DataSource source;
    private final int queryTimeoutSeconds;

    /** @param source the pool callers use; its usage is reported when it is HikariCP's (ours, or a host's) */
    public PostgresHealth(String name, DataSource source, Duration queryTimeout) {
        this.name = name;
        this.source = source;
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    @Override
    public ComponentHealth check() {
        long t0 = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet rs = st.executeQuery(QUERY)) {
                rs.next();
                metrics.put("ping_ms", Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0);
                boolean standby = rs.getBoolean("standby");
                metrics.put("standby", standby);
                metrics.put("replicas_streaming", rs.getLong("streaming"));
                if (standby) {
                    metrics.put("replay_lag_seconds", Math.round(rs.getDouble("replay_lag") * 10) / 10.0);
                }
            }
        } catch (SQLException e) {
            // The SQLSTATE says enough; a driver message can name the host.
            return ComponentHealth.down(name, "unreachable (SQLSTATE " + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            return ComponentHealth.down(name, "unreachable (" + e.getClass().getSimpleName() + ")");
        }
        poolUsage(metrics);
        return ComponentHealth.up(name, metrics);
    }

    private void poolUsage(Map<String, Object> metrics) {
        HikariPoolMXBean bean = source instanceof HikariDataSource hikari ? hikari.getHikariPoolMXBean() : null;
        if (bean != null) {
            metrics.put("pool_max", ((HikariDataSource) source).getMaximumPoolSize());
            metrics.put("pool_active", bean.getActiveConnections());
            metrics.put("pool_idle", bean.getIdleConnections());
            metrics.put("pool_waiting", bean.getThreadsAwaitingConnection());
            metrics.put("pool_total", bean.getTotalConnections());
        }
    }
}

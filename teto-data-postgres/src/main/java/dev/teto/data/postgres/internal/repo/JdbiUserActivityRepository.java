package dev.teto.data.postgres;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.UserActivity;
import dev.teto.data.api.repository.UserActivityRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbiUserActivityRepository implements UserActivityRepository {
    private static final String COLUMNS = "id, user_id, activity_type, activity_data, host(ip_address) AS ip_address, "
            + "user_agent, session_id, created_at";
    private static final String INSERT = """
            INSERT INTO user_activities (user_id, activity_type, activity_data, ip_address, user_agent, session_id, created_at)
            VALUES (:userId, :activityType, CAST(:activityData AS jsonb), CAST(:ipAddress AS inet), :userAgent, :sessionId,
                    COALESCE(:createdAt, CURRENT_TIMESTAMP))""";

    static final RowMapper<UserActivity> MAPPER = (rs, ctx) -> new UserActivity(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"),
            rs.getString("activity_type"),
            Rows.json(rs, "activity_data"),
            rs.getString("ip_address"),
            rs.getString("user_agent"),
            Rows.uuid(rs, "session_id"),
            Rows.instant(rs, "created_at"));

    private final SqlExecutor sql;

    JdbiUserActivityRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public UserActivity record(NewUserActivity activity) {
        Check.required("activity", activity).validate();
        return sql.inTransaction(h -> bind(h.createQuery(INSERT + " RETURNING " + COLUMNS), activity).map(MAPPER).one());
    }

    @Override
    public int recordAll(List<NewUserActivity> activities) {
        Check.required("activities", activities);
        for (int i = 0; i < activities.size(); i++) {
            Check.required("activities[" + i + "]", activities.get(i)).validate();
        }
        if (activities.isEmpty()) {
            return 0;
        }
        return sql.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            activities.forEach(a -> bind(batch, a).add());
            // Per-row counts are not reported once the driver rewrites the batch into multi-row inserts; a batch
            // either writes every row or throws.
            batch.execute();
            return activities.size();
        });
    }

    private static <S extends SqlStatement<S>> S bind(S statement, NewUserActivity a) {
        return statement
                .bind("userId", a.userId())
                .bind("activityType", a.activityType())
                .bind("activityData", Json.write("activityData", a.activityData()))
                .bind("ipAddress", a.ipAddress())
                .bind("userAgent", a.userAgent())
                .bind("sessionId", a.sessionId())
                .bind("createdAt", a.createdAt());
    }

    @Override
    public Optional<UserActivity> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT " + COLUMNS + " FROM user_activities WHERE id = :id", "id", id);
    }

    @Override
    public Page<UserActivity> listByUser(UUID userId, TimeRange range, PageRequest page) {
        Check.id("userId", userId);
        Check.required("range", range);
        Check.required("page", page);
        // The range on created_at lets PostgreSQL prune every partition outside it.
        Keyset<UserActivity> keyset = new Keyset<>("SELECT " + COLUMNS,
                "FROM user_activities WHERE user_id = :userId AND created_at >= :from AND created_at < :to",
                Map.of("userId", userId, "from", range.from(), "to", range.to()),
                "created_at", false, MAPPER, UserActivity::createdAt, UserActivity::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }

    @Override
    public int ensurePartitions(int monthsAhead) {
        Check.range("monthsAhead", monthsAhead, 0, 120);
        return sql.inTransaction(h -> h.createQuery("SELECT ensure_user_activity_partitions(:monthsAhead)")
                .bind("monthsAhead", monthsAhead).mapTo(Integer.class).one());
    }
}

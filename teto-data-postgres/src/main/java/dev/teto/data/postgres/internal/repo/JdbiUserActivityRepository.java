package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.UserActivity;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.UserActivityRepository;
import dev.teto.data.api.spi.ActivityWriter;
import dev.teto.data.postgres.internal.mapping.Json;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The month-partitioned activity log in {@code user_activities}, append-only. */
final class JdbiUserActivityRepository implements UserActivityRepository, ActivityWriter {
    /** The column is inet; {@code host()} reads the bare address the api carries, without a netmask. */
    private static final String COLUMNS = "id, user_id, activity_type, activity_data, host(ip_address) AS ip_address, "
            + "user_agent, session_id, created_at";
    /**
     * One statement for any batch: the inputs arrive as parallel arrays. RETURNING promises no order, so the ids
     * are drawn up front and the rows joined back to their input position.
     */
    private static final String INSERT_ALL = """
            WITH input AS (
                SELECT gen_random_uuid() AS id, t.*
                FROM unnest(CAST(:userIds AS uuid[]), CAST(:activityTypes AS text[]), CAST(:activityData AS jsonb[]),
                            CAST(:ipAddresses AS inet[]), CAST(:userAgents AS text[]), CAST(:sessionIds AS uuid[]),
                            CAST(:createdAts AS timestamptz[]))
                     WITH ORDINALITY AS t(user_id, activity_type, activity_data, ip_address, user_agent, session_id,
                                          created_at, position)
            ), inserted AS (
                INSERT INTO user_activities (id, user_id, activity_type, activity_data, ip_address, user_agent,
                                             session_id, created_at)
                SELECT id, user_id, activity_type, activity_data, ip_address, user_agent, session_id,
                       COALESCE(created_at, CURRENT_TIMESTAMP)
                FROM input
                RETURNING %s
            )
            SELECT inserted.* FROM inserted JOIN input USING (id) ORDER BY input.position""".formatted(COLUMNS);
    /**
     * Array elements reach PostgreSQL as text. {@link Instant#toString()} writes years after 9999 with a sign and
     * years before 1 as negative numbers, neither of which PostgreSQL reads; it wants the year of the era and a BC
     * suffix. This covers the whole range core lets through.
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 9, SignStyle.NOT_NEGATIVE)
            .appendPattern("-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral("+00")
            .toFormatter(Locale.ROOT);
    private static final RecordRowMapper<UserActivity> MAPPER = RecordRowMapper.of(UserActivity.class);

    private final Sql sql;

    JdbiUserActivityRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public UserActivity record(NewUserActivity activity) {
        return insertAll(List.of(activity)).get(0);
    }

    @Override
    public int recordAll(List<NewUserActivity> activities) {
        return insertAll(activities).size();
    }

    @Override
    public List<UserActivity> insertAll(List<NewUserActivity> activities) {
        if (activities.isEmpty()) {
            return List.of();
        }
        return sql.with(h -> h.createQuery(INSERT_ALL)
                .bindArray("userIds", UUID.class, column(activities, NewUserActivity::userId))
                .bindArray("activityTypes", String.class, column(activities, NewUserActivity::activityType))
                .bindArray("activityData", String.class,
                        column(activities, a -> Json.write("activityData", a.activityData())))
                .bindArray("ipAddresses", String.class, column(activities, NewUserActivity::ipAddress))
                .bindArray("userAgents", String.class, column(activities, NewUserActivity::userAgent))
                .bindArray("sessionIds", UUID.class, column(activities, NewUserActivity::sessionId))
                .bindArray("createdAts", String.class, column(activities, a -> timestamp(a.createdAt())))
                .map(MAPPER)
                .list());
    }

    @Override
    public Optional<UserActivity> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT " + COLUMNS + " FROM user_activities WHERE id = :id", "id", id);
    }

    /** The range on created_at lets PostgreSQL prune every partition outside it. */
    @Override
    public Page<UserActivity> listByUser(UUID userId, TimeRange range, PageRequest page) {
        return sql.with(h -> new Keyset<>("activities.byUser", "SELECT " + COLUMNS,
                "FROM user_activities WHERE user_id = :userId AND created_at >= :from AND created_at < :to",
                Map.of("userId", userId, "from", range.from(), "to", range.to()),
                Keyset.SortKey.of("created_at", Instant.class, UserActivity::createdAt), false, MAPPER,
                UserActivity::id).fetch(h, page));
    }

    @Override
    public int ensurePartitions(int monthsAhead) {
        return sql.with(h -> h.createQuery("SELECT ensure_user_activity_partitions(:monthsAhead)")
                .bind("monthsAhead", monthsAhead).mapTo(Integer.class).one());
    }

    private static <T> List<T> column(List<NewUserActivity> activities, Function<NewUserActivity, T> value) {
        return activities.stream().map(value).toList();
    }

    private static String timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        return TIMESTAMP.format(utc) + (utc.getYear() <= 0 ? " BC" : "");
    }
}

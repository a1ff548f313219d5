package dev.teto.data.postgres;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.repository.SubscriptionRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbiSubscriptionRepository implements SubscriptionRepository {
    static final RowMapper<Subscription> MAPPER = (rs, ctx) -> new Subscription(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"),
            rs.getString("plan_type"),
            rs.getString("status"),
            Rows.instant(rs, "start_date"),
            Rows.instant(rs, "end_date"),
            rs.getBoolean("auto_renew"),
            Rows.json(rs, "payment_method"),
            Rows.json(rs, "metadata"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final SqlExecutor sql;

    JdbiSubscriptionRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Subscription create(NewSubscription s) {
        Check.required("subscription", s).validate();
        return sql.inTransaction(h -> {
            Users.requireLive(h, s.userId());
            return h.createQuery("""
                            INSERT INTO subscriptions (user_id, plan_type, status, start_date, end_date, auto_renew,
                                                       payment_method, metadata)
                            VALUES (:userId, :planType, COALESCE(:status, 'active'), :startDate, :endDate,
                                    COALESCE(:autoRenew, TRUE), CAST(:paymentMethod AS jsonb), CAST(:metadata AS jsonb))
                            RETURNING *""")
                    .bind("userId", s.userId())
                    .bind("planType", s.planType())
                    .bind("status", s.status())
                    .bind("startDate", s.startDate())
                    .bind("endDate", s.endDate())
                    .bind("autoRenew", s.autoRenew())
                    .bind("paymentMethod", Json.write("paymentMethod", s.paymentMethod()))
                    .bind("metadata", Json.write("metadata", s.metadata()))
                    .map(MAPPER)
                    .one();
        });
    }

    @Override
    public Optional<Subscription> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM subscriptions WHERE id = :id", "id", id);
    }

    @Override
    public Subscription update(UUID id, SubscriptionUpdate u) {
        Check.id("id", id);
        Check.required("update", u).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE subscriptions SET
                            plan_type = COALESCE(:planType, plan_type),
                            status = COALESCE(:status, status),
                            end_date = COALESCE(:endDate, end_date),
                            auto_renew = COALESCE(:autoRenew, auto_renew),
                            payment_method = COALESCE(CAST(:paymentMethod AS jsonb), payment_method),
                            metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                        WHERE id = :id
                        RETURNING *""")
                .bind("id", id)
                .bind("planType", u.planType())
                .bind("status", u.status())
                .bind("endDate", u.endDate())
                .bind("autoRenew", u.autoRenew())
                .bind("paymentMethod", Json.write("paymentMethod", u.paymentMethod()))
                .bind("metadata", Json.write("metadata", u.metadata()))
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("subscription", id)));
    }

    @Override
    public List<Subscription> listByUser(UUID userId) {
        Check.id("userId", userId);
        return sql.inTransaction(h -> h.createQuery(
                        "SELECT * FROM subscriptions WHERE user_id = :userId ORDER BY start_date DESC, id DESC")
                .bind("userId", userId).map(MAPPER).list());
    }

    @Override
    public Page<Subscription> listActive(Instant now, PageRequest page) {
        Check.required("now", now);
        Check.required("page", page);
        Keyset<Subscription> keyset = new Keyset<>("SELECT *", """
                FROM subscriptions WHERE status = 'active' AND start_date <= :now
                  AND (end_date IS NULL OR end_date > :now)""",
                Map.of("now", now), "created_at", true, MAPPER, Subscription::createdAt, Subscription::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }

    @Override
    public Page<Subscription> listExpiringBefore(Instant cutoff, PageRequest page) {
        Check.required("cutoff", cutoff);
        Check.required("page", page);
        Keyset<Subscription> keyset = new Keyset<>("SELECT *",
                "FROM subscriptions WHERE status = 'active' AND end_date IS NOT NULL AND end_date < :cutoff",
                Map.of("cutoff", cutoff), "end_date", false, MAPPER, Subscription::endDate, Subscription::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }
}

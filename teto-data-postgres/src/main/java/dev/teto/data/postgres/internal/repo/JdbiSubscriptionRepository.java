package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.SubscriptionRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions in {@code subscriptions}. */
final class JdbiSubscriptionRepository implements SubscriptionRepository {
    private static final RecordRowMapper<Subscription> MAPPER = RecordRowMapper.of(Subscription.class);

    private final Sql sql;

    JdbiSubscriptionRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Subscription create(NewSubscription subscription) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO subscriptions (user_id, plan_type, status, start_date, end_date, auto_renew,
                                                   payment_method, metadata)
                        VALUES (:userId, :planType, COALESCE(:status, 'active'), :startDate, :endDate,
                                COALESCE(:autoRenew, TRUE), CAST(:paymentMethod AS jsonb), CAST(:metadata AS jsonb))
                        RETURNING *"""), subscription)
                .map(MAPPER).one());
    }

    @Override
    public Optional<Subscription> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM subscriptions WHERE id = :id", "id", id);
    }

    @Override
    public Subscription update(UUID id, SubscriptionUpdate update) {
        return sql.updateOne(Entities.SUBSCRIPTION, id, MAPPER, """
                UPDATE subscriptions SET
                    plan_type = COALESCE(:planType, plan_type),
                    status = COALESCE(:status, status),
                    end_date = COALESCE(:endDate, end_date),
                    auto_renew = COALESCE(:autoRenew, auto_renew),
                    payment_method = COALESCE(CAST(:paymentMethod AS jsonb), payment_method),
                    metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                WHERE id = :id
                RETURNING *""", update);
    }

    /** By start date, not creation: a subscription may be recorded before or after the period it covers. */
    @Override
    public Page<Subscription> listByUser(UUID userId, PageRequest page) {
        return list("subscriptions.byUser", "FROM subscriptions WHERE user_id = :userId", Map.of("userId", userId),
                Keyset.SortKey.of("start_date", Instant.class, Subscription::startDate), true, page);
    }

    @Override
    public Page<Subscription> listActive(Instant now, PageRequest page) {
        return list("subscriptions.active", """
                FROM subscriptions WHERE status = 'active' AND start_date <= :now
                  AND (end_date IS NULL OR end_date > :now)""", Map.of("now", now),
                Keyset.SortKey.of("created_at", Instant.class, Subscription::createdAt), true, page);
    }

    @Override
    public Page<Subscription> listExpiringBefore(Instant cutoff, PageRequest page) {
        return list("subscriptions.expiring",
                "FROM subscriptions WHERE status = 'active' AND end_date IS NOT NULL AND end_date < :cutoff",
                Map.of("cutoff", cutoff), Keyset.SortKey.of("end_date", Instant.class, Subscription::endDate), false,
                page);
    }

    private Page<Subscription> list(String name, String from, Map<String, Object> params,
                                    Keyset.SortKey<Subscription> sort, boolean descending, PageRequest page) {
        return sql.with(h -> new Keyset<>(name, "SELECT *", from, params, sort, descending, MAPPER, Subscription::id)
                .fetch(h, page));
    }
}

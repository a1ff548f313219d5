package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.SubscriptionUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface SubscriptionRepository {
    Subscription create(NewSubscription subscription);

    Optional<Subscription> findById(UUID id);

    Subscription update(UUID id, SubscriptionUpdate update);

    /** Newest first. */
    Page<Subscription> listByUser(UUID userId, PageRequest page);

    /** Status active and not past its end date at {@code now}; newest first. */
    Page<Subscription> listActive(Instant now, PageRequest page);

    /** Active subscriptions whose end date falls before {@code cutoff}, soonest first: the renewal queue. */
    Page<Subscription> listExpiringBefore(Instant cutoff, PageRequest page);
}

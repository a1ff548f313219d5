package dev.teto.data.api.repository;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.SubscriptionUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions. */
public interface SubscriptionRepository {
    Subscription create(NewSubscription subscription);

    Optional<Subscription> findById(UUID id);

    Subscription update(UUID id, SubscriptionUpdate update);

    List<Subscription> listByUser(UUID userId);

    /** Status active and not past its end date at {@code now}; newest first. */
    Page<Subscription> listActive(Instant now, PageRequest page);

    /** Active subscriptions whose end date falls before {@code cutoff}, soonest first: the renewal queue. */
    Page<Subscription> listExpiringBefore(Instant cutoff, PageRequest page);
}

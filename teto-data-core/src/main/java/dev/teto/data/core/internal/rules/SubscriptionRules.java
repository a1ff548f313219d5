package dev.teto.data.core.internal.rules;

import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.SubscriptionRepository;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.core.internal.tx.Runner;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions: changed only for a live user, and every change is an event. */
public final class SubscriptionRules extends PortCalls<SubscriptionRepository> implements SubscriptionRepository {

    public SubscriptionRules(Runner runner) {
        super(runner, SubscriptionRepository.class);
    }

    @Override
    public Subscription create(NewSubscription subscription) {
        return unit((unit, subscriptions) -> {
            Liveness.requireLive(unit, subscription.userId());
            Subscription created = subscriptions.create(subscription);
            unit.publish(Events.subscriptionChanged(created, "created"));
            return created;
        });
    }

    @Override
    public Optional<Subscription> findById(UUID id) {
        return call(subscriptions -> subscriptions.findById(id));
    }

    @Override
    public Subscription update(UUID id, SubscriptionUpdate update) {
        return unit((unit, subscriptions) -> {
            Subscription updated = subscriptions.update(id, update);
            Liveness.requireLive(unit, updated.userId());
            unit.publish(Events.subscriptionChanged(updated, "updated"));
            return updated;
        });
    }

    @Override
    public Page<Subscription> listByUser(UUID userId, PageRequest page) {
        return call(subscriptions -> subscriptions.listByUser(userId, page));
    }

    @Override
    public Page<Subscription> listActive(Instant now, PageRequest page) {
        return call(subscriptions -> subscriptions.listActive(now, page));
    }

    @Override
    public Page<Subscription> listExpiringBefore(Instant cutoff, PageRequest page) {
        return call(subscriptions -> subscriptions.listExpiringBefore(cutoff, page));
    }
}

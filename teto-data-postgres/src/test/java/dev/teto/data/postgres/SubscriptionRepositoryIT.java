package dev.teto.data.postgres;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.repository.SubscriptionRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.ALL;
import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions. listActive and listExpiringBefore span all users, so the tests look only at their own rows (and
 * at their relative order) in the listing.
 */
@TetoDataTest
class SubscriptionRepositoryIT {
    private static final Instant NOW = Instant.parse("2040-06-15T12:00:00Z");

    private TetoData data;
    private TestDatabase db;
    private SubscriptionRepository subscriptions;
    private User user;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.subscriptions = data.subscriptions();
        this.user = Fixtures.user(data);
    }

    private Subscription sub(String status, Instant start, Instant end) {
        return subscriptions.create(new NewSubscription(user.id(), "pro", status, start, end, null, null, null));
    }

    /** Every row of the listing (paging through it), keeping only this test's user's. */
    private List<UUID> mine(java.util.function.Function<PageRequest, Page<Subscription>> list) {
        List<UUID> ids = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Subscription> p = list.apply(page);
            p.items().stream().filter(s -> s.userId().equals(user.id())).forEach(s -> ids.add(s.id()));
            if (!p.hasNext()) {
                return ids;
            }
            page = page.after(p.nextCursor().orElseThrow());
        }
    }

    @Test
    void createAppliesDefaultsAndRoundTrips() {
        Instant start = Instant.parse("2040-01-01T00:00:00Z");
        Subscription s = subscriptions.create(new NewSubscription(user.id(), "premium-yearly", null, start,
                start.plus(365, ChronoUnit.DAYS), null, json("processor", "stripe", "ref", "pm_123"), json("coupon", "X")));

        assertNotNull(s.id());
        assertEquals(user.id(), s.userId());
        assertEquals("premium-yearly", s.planType());
        assertEquals("active", s.status(), "status defaults to active");
        assertTrue(s.autoRenew(), "auto_renew defaults to true");
        assertEquals(start, s.startDate());
        assertEquals(start.plus(365, ChronoUnit.DAYS), s.endDate());
        assertEquals(json("processor", "stripe", "ref", "pm_123"), s.paymentMethod());
        assertEquals(json("coupon", "X"), s.metadata());
        assertEquals(s, subscriptions.findById(s.id()).orElseThrow());
        assertTrue(subscriptions.findById(UUID.randomUUID()).isEmpty());
    }

    @Test
    void endBeforeStartIsInvalidAndNothingIsWritten() {
        Instant start = Instant.parse("2040-01-01T00:00:00Z");
        long before = db.count("subscriptions");
        ValidationException e = assertThrows(ValidationException.class,
                () -> subscriptions.create(NewSubscription.of(user.id(), "pro", start, start.minusMillis(1))));
        assertEquals("endDate", e.field());
        assertEquals(before, db.count("subscriptions"));
        // equal dates are allowed (end_date >= start_date)
        assertEquals(start, subscriptions.create(NewSubscription.of(user.id(), "pro", start, start)).endDate());
    }

    @Test
    void listByUserReturnsOnlyThatUsersSubscriptions() {
        Subscription a = sub(null, NOW, null);
        Subscription b = sub("cancelled", NOW, NOW.plusSeconds(60));
        subscriptions.create(NewSubscription.of(Fixtures.user(data).id(), "pro", NOW, null));
        assertEquals(Set.of(a.id(), b.id()), Set.copyOf(subscriptions.listByUser(user.id(), ALL).items().stream().map(Subscription::id).toList()));
        assertTrue(subscriptions.listByUser(UUID.randomUUID(), ALL).items().isEmpty());
    }

    @Test
    void listActiveKeepsActiveAndUnexpiredNewestFirst() {
        Subscription openEnded = sub(null, NOW.minus(10, ChronoUnit.DAYS), null);
        Subscription running = sub("active", NOW.minus(5, ChronoUnit.DAYS), NOW.plus(5, ChronoUnit.DAYS));
        sub("active", NOW.minus(30, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS));   // past its end date
        sub("cancelled", NOW.minus(5, ChronoUnit.DAYS), NOW.plus(5, ChronoUnit.DAYS)); // not active
        sub("trialing", NOW.minus(5, ChronoUnit.DAYS), null);                          // not active

        assertEquals(List.of(running.id(), openEnded.id()), mine(p -> subscriptions.listActive(NOW, p)),
                "active and not past the end date at NOW, newest first");
    }

    @Test
    void listExpiringBeforeIsSoonestFirst() {
        Instant base = Instant.parse("2041-03-01T00:00:00Z");
        Subscription third = sub(null, NOW, base.plus(3, ChronoUnit.DAYS));
        Subscription first = sub(null, NOW, base.plus(1, ChronoUnit.DAYS));
        Subscription second = sub("active", NOW, base.plus(2, ChronoUnit.DAYS));
        sub(null, NOW, base.plus(40, ChronoUnit.DAYS));                    // after the cutoff
        sub("cancelled", NOW, base.plus(1, ChronoUnit.HOURS));             // not active
        sub(null, NOW, null);                                              // never ends

        assertEquals(List.of(first.id(), second.id(), third.id()),
                mine(p -> subscriptions.listExpiringBefore(base.plus(10, ChronoUnit.DAYS), p)));
    }

    @Test
    void aSoftDeletedUsersSubscriptionsCannotBeWritten() {
        Subscription s = sub(null, NOW, NOW.plus(30, ChronoUnit.DAYS));
        data.users().softDelete(user.id());
        Fixtures.assertUserGone(db, "subscriptions", () -> sub(null, NOW, null));
        Fixtures.assertUserGone(db, "subscriptions", () -> subscriptions.update(s.id(), SubscriptionUpdate.status("cancelled")));
        assertEquals("active", subscriptions.findById(s.id()).orElseThrow().status(), "the refused update changed nothing");
        assertEquals(Entities.SUBSCRIPTION, assertThrows(NotFoundException.class,
                () -> subscriptions.update(UUID.randomUUID(), SubscriptionUpdate.status("cancelled"))).entity());
    }

    @Test
    void updateChangesOnlyGivenFields() {
        Subscription s = sub(null, NOW, NOW.plus(30, ChronoUnit.DAYS));
        Subscription cancelled = subscriptions.update(s.id(), SubscriptionUpdate.status("cancelled"));
        assertEquals("cancelled", cancelled.status());
        assertEquals("pro", cancelled.planType());
        assertEquals(s.endDate(), cancelled.endDate());
        assertTrue(cancelled.updatedAt().isAfter(s.updatedAt()));

        Subscription changed = subscriptions.update(s.id(), new SubscriptionUpdate("team", null, null, false, null, json("seats", 5)));
        assertEquals("team", changed.planType());
        assertEquals("cancelled", changed.status());
        assertFalse(changed.autoRenew());
        assertEquals(json("seats", 5), changed.metadata());
        assertNull(changed.paymentMethod());
        assertEquals(changed, subscriptions.findById(s.id()).orElseThrow());
        assertThrows(ValidationException.class, () -> subscriptions.update(s.id(), SubscriptionUpdate.status("lapsed")));
    }
}

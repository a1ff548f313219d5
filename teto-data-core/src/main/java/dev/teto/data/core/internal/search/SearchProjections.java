package dev.teto.data.core.internal.search;

import dev.teto.data.core.internal.privacy.SearchTokens;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.search.AnalyticsIndex;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.ContentSource;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.core.internal.CoreServices;
import dev.teto.data.core.internal.FacadeView;
import dev.teto.data.core.internal.composition.Capabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The search projections of one {@code TetoData}, wired only when a store provides the search indexes: the user
 * projection as an event handler (when a store with an outbox is configured too), the content projection as a
 * change-feed subscription (when a store provides a {@link ChangeFeed}), and {@link SearchAdmin}.
 */
public final class SearchProjections implements AutoCloseable {
    public static final SearchProjections NONE = new SearchProjections(null, null, null);
    private static final Logger LOG = LoggerFactory.getLogger(SearchProjections.class);

    private final Capabilities capabilities;
    private final UserProjection users;
    private final ContentProjection content;
    private volatile ChangeFeed.Subscription subscription;

    private SearchProjections(Capabilities capabilities, UserProjection users, ContentProjection content) {
        this.capabilities = capabilities;
        this.users = users;
        this.content = content;
    }

    /**
     * {@link #NONE} unless a configured store provides {@link UserIndex} (the search adapter).
     *
     * @param failureHold how long a failed user-projection write keeps {@code search-projection} degraded when no
     *                    retry runs on this instance: the dispatcher's longest wait for a retry plus its run
     */
    public static SearchProjections of(Capabilities capabilities, Clock clock, SearchTokens tokens,
                                       Duration failureHold) {
        if (!capabilities.provides(UserIndex.class)) {
            return NONE;
        }
        UserProjection users = capabilities.provides(OutboxRelay.class)
                ? new UserProjection(capabilities.plain(UserIndex.class), clock, tokens, failureHold) : null;
        ContentProjection content = capabilities.provides(ChangeFeed.class) && capabilities.provides(ContentIndex.class)
                ? new ContentProjection(capabilities.plain(ContentIndex.class)) : null;
        return new SearchProjections(capabilities, users, content);
    }

    /** The handlers to register with the dispatcher beside the host's: the user projection, if wired. */
    public Map<String, EventHandler> handlers(Map<String, EventHandler> hosts) {
        if (users == null) {
            return hosts;
        }
        if (hosts.containsKey(UserProjection.HANDLER_NAME)) {
            throw new IllegalArgumentException("the handler name " + UserProjection.HANDLER_NAME + " is reserved");
        }
        Map<String, EventHandler> all = new LinkedHashMap<>(hosts);
        all.put(UserProjection.HANDLER_NAME, users);
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Gives the user projection its reads and starts following the change feed. */
    public void start(CoreServices core) {
        if (users != null) {
            users.bind(new FacadeView(core, Actor.NONE));
        }
        if (content != null) {
            subscription = capabilities.plain(ChangeFeed.class).subscribe(ContentProjection.SUBSCRIBER,
                    ContentProjection.COLLECTIONS, content);
            LOG.debug("content_search follows the change feed as {}", ContentProjection.SUBSCRIBER);
        }
    }

    /** {@link SearchAdmin} over this TetoData's stores, for {@code data.get(SearchAdmin.class)}. */
    public static SearchAdmin admin(CoreServices core) {
        Capabilities c = core.capabilities();
        if (!c.provides(UserIndex.class)) {
            throw Capabilities.notConfigured(SearchAdmin.class);
        }
        return new SearchAdminService(new FacadeView(core, Actor.NONE), c.plain(UserIndex.class),
                c.plain(ContentIndex.class), c.plain(AnalyticsIndex.class),
                c.provides(ContentSource.class) ? c.plain(ContentSource.class) : null, core.searchTokens());
    }

    /**
     * {@code search-projection}: degraded while the latest write to search failed (the dispatcher and the feed
     * retry; the outbox's own lag shows how much waits), with the change feed's lag. A user-projection failure
     * counts for at most the failure hold when no retry runs here: another instance may have delivered it.
     */
    public Optional<ComponentHealth> health() {
        if (this == NONE) {
            return Optional.empty();
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        boolean failing = false;
        if (users != null) {
            metrics.put("user_failures", users.failures());
            failing = users.failing();
        }
        if (content != null) {
            metrics.put("content_failures", content.failures());
            metrics.put("content_refused", content.refused());
            ChangeFeed.Subscription s = subscription;
            metrics.put("content_lag", s == null ? -1 : s.lag());
            failing |= content.failing();
        }
        return Optional.of(failing
                ? new ComponentHealth("search-projection", HealthStatus.DEGRADED, "search writes failing; retrying", metrics)
                : ComponentHealth.up("search-projection", metrics));
    }

    /** Stops following the change feed (its position is kept). */
    @Override
    public void close() {
        ChangeFeed.Subscription s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the content_search feed subscription: {}", e.toString());
            }
        }
    }
}

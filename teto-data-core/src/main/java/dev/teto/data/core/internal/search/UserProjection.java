package dev.teto.data.core.internal.search;

import dev.teto.data.core.internal.privacy.SearchTokens;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.UserIndex;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@code user_search} in step with PostgreSQL. Registered on the event dispatcher under
 * {@value #HANDLER_NAME}; for every event that can change a user's document it reloads the user's current state
 * (never the payload, which may be older than the row by the time it is delivered) and writes it with its external
 * version, or deletes a soft-deleted or erased user with a versioned tombstone. A failure (search down) throws, and
 * the dispatcher retries with backoff, so the user's write itself never fails and nothing is lost.
 */
final class UserProjection implements EventHandler {
    static final String HANDLER_NAME = "teto.search.users";
    private static final Set<String> TYPES = Set.of(EventTypes.USER_REGISTERED, EventTypes.USER_UPDATED,
            EventTypes.USER_SOFT_DELETED, EventTypes.SESSION_OPENED, EventTypes.PROFILE_CREATED,
            EventTypes.PROFILE_RESCORED,
            EventTypes.SUBSCRIPTION_CHANGED, EventTypes.MEMBERSHIP_CHANGED, "user.erased");

    private final UserIndex index;
    private final Clock clock;
    private final AtomicReference<TetoOperations> data = new AtomicReference<>();
    private final FailureWindow writes;
    private final SearchTokens tokens;

    /** @param failureHold how long a failed write counts in health with no retry here (see {@link FailureWindow}) */
    UserProjection(UserIndex index, Clock clock, SearchTokens tokens, Duration failureHold) {
        this.tokens = tokens;
        this.index = index;
        this.clock = clock;
        this.writes = new FailureWindow(clock, failureHold);
    }

    /** The facade is built after the dispatcher, so it is handed over once {@code TetoData} exists. */
    void bind(TetoOperations facade) {
        data.set(facade);
    }

    /**
     * Search down must not lose an update: retried with backoff until it succeeds rather than parked. A user
     * document cannot be refused by the mapping (every field is a keyword, text or date core fills itself), so a
     * failure is an outage, which ends.
     */
    @Override
    public boolean retriesUntilDelivered() {
        return true;
    }

    /** It writes the user as stored now, whatever event asked: a repeat writes the same document. */
    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public boolean accepts(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void handle(DomainEvent event) {
        TetoOperations ops = data.get();
        if (ops == null) {
            throw new IllegalStateException("search projection not started yet");
        }
        if (!EventTypes.AGGREGATE_USER.equals(event.aggregateType())) {
            return;
        }
        try {
            long nowMicros = UserDocuments.micros(clock.instant());
            UserDocuments.State state = UserDocuments.load(ops, tokens, event.aggregateId(), nowMicros);
            if (state instanceof UserDocuments.Live live) {
                BulkResult result = index.upsert(live.document());
                if (result.hasFailures()) {
                    throw new DataAccessException("search", "user_search refused the document of user "
                            + event.aggregateId() + ": " + result.failures().get(0).type(), null);
                }
            } else {
                UserDocuments.Gone gone = (UserDocuments.Gone) state;
                index.delete(gone.userId().toString(), gone.version());
            }
            writes.succeeded();
        } catch (RuntimeException e) {
            writes.failed();
            throw e;
        }
    }

    long failures() {
        return writes.failures();
    }

    /** Whether the latest attempt here failed (search down), lately enough that its retry may still be pending. */
    boolean failing() {
        return writes.failing();
    }
}

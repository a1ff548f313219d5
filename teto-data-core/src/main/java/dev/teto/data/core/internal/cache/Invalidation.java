package dev.teto.data.core.internal.cache;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one committed event makes stale: cache keys, single sessions, or all of a user's sessions. The same mapping
 * serves the immediate after-commit invalidation and the outbox handler that guarantees it.
 */
record Invalidation(List<String> keys, List<SessionRef> sessions, List<UUID> allSessionsOf) {

    static final Set<String> EVENT_TYPES = Set.of(EventTypes.QUESTION_CHANGED, EventTypes.PROFILE_CREATED,
            EventTypes.PROFILE_UPDATED, EventTypes.PROFILE_RESCORED, EventTypes.SESSION_REVOKED, EventTypes.SESSION_UPDATED,
            EventTypes.USER_SOFT_DELETED);

    record SessionRef(UUID userId, UUID sessionId) {
    }

    boolean isEmpty() {
        return keys.isEmpty() && sessions.isEmpty() && allSessionsOf.isEmpty();
    }

    static Invalidation of(DomainEvent event) {
        List<String> keys = new ArrayList<>();
        List<SessionRef> sessions = new ArrayList<>();
        List<UUID> allSessions = new ArrayList<>();
        UUID subject = event.aggregateId();
        switch (event.type()) {
            case EventTypes.QUESTION_CHANGED -> keys.add(CacheKeys.question(subject));
            case EventTypes.PROFILE_CREATED, EventTypes.PROFILE_UPDATED, EventTypes.PROFILE_RESCORED -> {
                keys.add(CacheKeys.latestProfile(subject));
                String assessment = text(event, "assessmentId");
                if (assessment != null) {
                    keys.add(CacheKeys.profile(subject, assessment));
                }
            }
            case EventTypes.SESSION_REVOKED, EventTypes.SESSION_UPDATED -> {
                String session = text(event, "sessionId");
                if (session == null) {
                    allSessions.add(subject);
                } else {
                    sessions.add(new SessionRef(subject, UUID.fromString(session)));
                }
            }
            case EventTypes.USER_SOFT_DELETED -> {
                allSessions.add(subject);
                keys.add(CacheKeys.latestProfile(subject));
            }
            default -> {
            }
        }
        return new Invalidation(List.copyOf(keys), List.copyOf(sessions), List.copyOf(allSessions));
    }

    private static String text(DomainEvent event, String field) {
        Object value = event.payload().get(field);
        return value == null ? null : value.toString();
    }
}

package dev.teto.data.core.internal.event;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.OrganizationMember;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserActivity;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.spi.ProfileVersions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The library's own events and their payloads (docs/events.md). Payloads carry ids, statuses, numbers and times:
 * no email, name, free text, token, address or user agent, so the outbox and every transport stay free of PII.
 */
public final class Events {
    static final int V1 = 1;

    private Events() {
    }

    public static DomainEvent userRegistered(User user) {
        return user(EventTypes.USER_REGISTERED, user.id(), userState(user));
    }

    public static DomainEvent userUpdated(User user) {
        return user(EventTypes.USER_UPDATED, user.id(), userState(user));
    }

    public static DomainEvent userSoftDeleted(UUID userId, int sessionsRevoked) {
        return user(EventTypes.USER_SOFT_DELETED, userId, payload("userId", userId, "sessionsRevoked", sessionsRevoked));
    }

    public static DomainEvent sessionOpened(UserSession session) {
        return user(EventTypes.SESSION_OPENED, session.userId(), payload("sessionId", session.id(),
                "expiresAt", text(session.expiresAt())));
    }

    /** @param sessionId null when every session of the user was revoked at once */
    public static DomainEvent sessionRevoked(UUID userId, UUID sessionId, int count) {
        return user(EventTypes.SESSION_REVOKED, userId, payload("sessionId", sessionId, "count", count));
    }

    public static DomainEvent sessionUpdated(UserSession session) {
        return user(EventTypes.SESSION_UPDATED, session.userId(), payload("sessionId", session.id(),
                "expiresAt", text(session.expiresAt())));
    }

    public static DomainEvent assessmentStarted(Assessment a) {
        return user(EventTypes.ASSESSMENT_STARTED, a.userId(), payload("assessmentId", a.id(), "version", a.version(),
                "totalQuestions", a.totalQuestions(), "startedAt", text(a.startedAt())));
    }

    /** Carries every answer's question, value and response time: what analytics consumers need, no free text. */
    public static DomainEvent assessmentCompleted(Assessment a, List<Answer> answers) {
        List<Object> items = new ArrayList<>(answers.size());
        for (Answer answer : answers) {
            items.add(payload("questionId", answer.questionId(), "value", answer.value(),
                    "optionId", answer.optionId(), "responseTimeMs", answer.responseTimeMs()));
        }
        return user(EventTypes.ASSESSMENT_COMPLETED, a.userId(), payload("assessmentId", a.id(), "version", a.version(),
                "completedAt", text(a.completedAt()), "durationSeconds", a.durationSeconds(), "answers", items));
    }

    public static DomainEvent profileCreated(Profile p) {
        return user(EventTypes.PROFILE_CREATED, p.userId(), payload("profileId", p.id(), "assessmentId", p.assessmentId(),
                "personalityType", p.personalityType(), "dimensions", p.dimensions(),
                "scorerName", p.scorerName(), "scorerVersion", p.scorerVersion()));
    }

    /**
     * Names the previous version's type and the assessment's completion, so a consumer that counted the assessment
     * under that type and time moves it to the new type (the completion, not the previous profile's creation: after
     * one re-score that is the re-score's time); previous fields are null when the assessment had no profile.
     */
    public static DomainEvent profileRescored(Profile p, ProfileVersions.Previous previous, Instant completedAt) {
        return user(EventTypes.PROFILE_RESCORED, p.userId(), payload("profileId", p.id(), "assessmentId",
                p.assessmentId(), "personalityType", p.personalityType(), "dimensions", p.dimensions(),
                "scorerName", p.scorerName(), "scorerVersion", p.scorerVersion(),
                "completedAt", text(completedAt),
                "previousProfileId", previous == null ? null : previous.id(),
                "previousType", previous == null ? null : previous.personalityType(),
                "previousCreatedAt", previous == null ? null : text(previous.createdAt())));
    }

    public static DomainEvent profileUpdated(Profile p) {
        return user(EventTypes.PROFILE_UPDATED, p.userId(), payload("profileId", p.id(), "assessmentId", p.assessmentId(),
                "personalityType", p.personalityType()));
    }

    /** @param change {@code created} or {@code updated} */
    public static DomainEvent questionChanged(UUID questionId, String version, String change) {
        return new DomainEvent(UUID.randomUUID(), EventTypes.QUESTION_CHANGED, V1, EventTypes.AGGREGATE_QUESTION,
                questionId, Instant.now(), null, payload("questionId", questionId, "version", version, "change", change));
    }

    public static DomainEvent subscriptionChanged(Subscription s, String change) {
        return user(EventTypes.SUBSCRIPTION_CHANGED, s.userId(), payload("subscriptionId", s.id(), "change", change,
                "planType", s.planType(), "status", s.status(), "startDate", text(s.startDate()),
                "endDate", text(s.endDate()), "autoRenew", s.autoRenew()));
    }

    public static DomainEvent membershipChanged(OrganizationMember m, String change) {
        return user(EventTypes.MEMBERSHIP_CHANGED, m.userId(), payload("memberId", m.id(),
                "organizationId", m.organizationId(), "change", change, "role", m.role(), "status", m.status()));
    }

    public static DomainEvent activityRecorded(UserActivity a) {
        return user(EventTypes.ACTIVITY_RECORDED, a.userId(), payload("activityId", a.id(),
                "activityType", a.activityType(), "sessionId", a.sessionId(), "createdAt", text(a.createdAt())));
    }

    private static Map<String, Object> userState(User user) {
        return payload("userId", user.id(), "role", user.role(), "status", user.status(),
                "emailVerified", user.emailVerified());
    }

    private static DomainEvent user(String type, UUID userId, Map<String, Object> payload) {
        return new DomainEvent(UUID.randomUUID(), type, V1, EventTypes.AGGREGATE_USER, userId, Instant.now(), null,
                payload);
    }

    /** Keys and values in pairs; UUIDs become strings so the payload is plain JSON. */
    private static Map<String, Object> payload(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            map.put((String) pairs[i], value instanceof UUID ? value.toString() : value);
        }
        return map;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

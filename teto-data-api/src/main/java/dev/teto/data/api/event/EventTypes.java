package dev.teto.data.api.event;

/**
 * The event types the library writes itself. Each event's aggregate is the user it concerns
 * ({@code aggregateType = "user"}), so a user's events arrive in the order they happened; question changes,
 * which concern no user, are their own aggregate ({@code aggregateType = "question"}).
 * {@code docs/events.md} gives each payload.
 */
public final class EventTypes {
    public static final String AGGREGATE_USER = "user";
    public static final String AGGREGATE_QUESTION = "question";

    public static final String USER_REGISTERED = "user.registered";
    public static final String USER_UPDATED = "user.updated";
    public static final String USER_SOFT_DELETED = "user.soft_deleted";
    /** The user was erased everywhere (GDPR/CCPA); payload empty. Hosts erase their own copies on it. */
    public static final String USER_ERASED = "user.erased";
    public static final String SESSION_OPENED = "session.opened";
    public static final String SESSION_REVOKED = "session.revoked";
    /** Expiry or refresh token changed. */
    public static final String SESSION_UPDATED = "session.updated";
    public static final String ASSESSMENT_STARTED = "assessment.started";
    public static final String ASSESSMENT_COMPLETED = "assessment.completed";
    public static final String PROFILE_CREATED = "profile.created";
    public static final String PROFILE_UPDATED = "profile.updated";
    /**
     * A re-score made a new current profile for an assessment; the payload names the previous type and profile,
     * so consumers move the assessment from one type to the other.
     */
    public static final String PROFILE_RESCORED = "profile.rescored";
    /** A question was created or changed (text, options, active flag...). */
    public static final String QUESTION_CHANGED = "question.changed";
    public static final String SUBSCRIPTION_CHANGED = "subscription.changed";
    public static final String MEMBERSHIP_CHANGED = "membership.changed";
    public static final String ACTIVITY_RECORDED = "activity.recorded";

    private EventTypes() {
    }
}

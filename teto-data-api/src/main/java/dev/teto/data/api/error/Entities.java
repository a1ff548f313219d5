package dev.teto.data.api.error;

/** The entity names {@link NotFoundException} uses: singular, snake_case, one per aggregate or row kind. */
public final class Entities {
    public static final String USER = "user";
    public static final String SESSION = "session";
    public static final String ASSESSMENT = "assessment";
    public static final String QUESTION = "question";
    public static final String ANSWER = "answer";
    public static final String PROFILE = "profile";
    public static final String PREFERENCES = "user_preferences";
    public static final String SUBSCRIPTION = "subscription";
    public static final String ORGANIZATION = "organization";
    public static final String MEMBER = "organization_member";
    public static final String ACTIVITY = "user_activity";
    public static final String ASSESSMENT_ANALYTICS = "assessment_analytics";
    public static final String METRIC = "system_metric";

    private Entities() {
    }
}

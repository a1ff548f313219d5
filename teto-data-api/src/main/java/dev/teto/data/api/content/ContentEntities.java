package dev.teto.data.api.content;

/** The entity names a {@link dev.teto.data.api.error.NotFoundException} about content uses. */
public final class ContentEntities {
    public static final String FEEDBACK = "feedback";
    public static final String POST = "community_post";
    public static final String COMMENT = "comment";
    public static final String INSIGHT = "personality_insight";
    public static final String PATTERN = "behavioral_pattern";
    public static final String COHORT = "cohort_analytics";

    private ContentEntities() {
    }
}

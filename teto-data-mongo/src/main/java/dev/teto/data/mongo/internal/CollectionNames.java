package dev.teto.data.mongo.internal;

import java.util.List;

/** The seed's five collections and the two of our own. */
public final class CollectionNames {
    public static final String FEEDBACK = "user_feedback";
    public static final String POSTS = "community_posts";
    public static final String INSIGHTS = "personality_insights";
    public static final String PATTERNS = "behavioral_patterns";
    public static final String COHORTS = "cohort_analytics";
    /** One document per (post, user) like; its unique index makes a like count once. */
    public static final String POST_LIKES = "post_likes";
    /** The change feed's resume positions, one per (subscriber, collection). */
    public static final String FEED_POSITIONS = "teto_change_feed_positions";

    /** The seed's collections: the ones a change feed may follow. */
    public static final List<String> SEED = List.of(FEEDBACK, POSTS, INSIGHTS, PATTERNS, COHORTS);

    private CollectionNames() {
    }
}

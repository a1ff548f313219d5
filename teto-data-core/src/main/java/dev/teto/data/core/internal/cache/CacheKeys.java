package dev.teto.data.core.internal.cache;

import java.util.UUID;

/**
 * The seed's cache key names ("Redis Schema"). A cache store may prefix them; nothing else is ever cached. The
 * latest profile of a user takes {@code latest} in the assessment slot (docs/schema-deviations.md).
 */
public final class CacheKeys {
    public static final String LATEST = "latest";

    private CacheKeys() {
    }

    /** Whether instances keep {@code key} in their near cache: only then must its invalidation reach them all. */
    public static boolean nearCached(String key) {
        return key.startsWith("QUESTION:");
    }

    public static String question(UUID questionId) {
        return "QUESTION:" + questionId;
    }

    public static String profile(UUID userId, String assessment) {
        return "PROFILE:" + userId + ":" + assessment;
    }

    public static String latestProfile(UUID userId) {
        return profile(userId, LATEST);
    }

    public static String progress(UUID assessmentId) {
        return "ASSESSMENT_PROGRESS:" + assessmentId;
    }

    public static String popularInsights(String personalityType) {
        return "POPULAR_INSIGHTS:" + personalityType;
    }

    public static String session(UUID sessionId) {
        return "SESSION:" + sessionId;
    }

    public static String userSessions(UUID userId) {
        return "USER_SESSIONS:" + userId;
    }
}

package dev.teto.data.api.validation;

import java.util.Set;
import java.util.TreeSet;

/**
 * The values the status and role columns may take. The seed lists only the user roles; the other sets are
 * ours (see docs/schema-deviations.md) and mirror the database CHECK constraints.
 */
public final class Vocabulary {
    public static final Set<String> USER_ROLES = Set.of("user", "premium", "admin", "super_admin");
    public static final Set<String> USER_STATUSES = Set.of("active", "inactive", "suspended", "pending_verification");
    public static final Set<String> ASSESSMENT_STATUSES = Set.of("draft", "in_progress", "completed", "abandoned");
    public static final Set<String> QUESTION_TYPES = Set.of("likert_scale", "multiple_choice", "text");
    public static final Set<String> SUBSCRIPTION_STATUSES =
            Set.of("active", "trialing", "past_due", "cancelled", "expired");
    public static final Set<String> ORGANIZATION_STATUSES = Set.of("active", "suspended", "archived");
    public static final Set<String> MEMBER_ROLES = Set.of("owner", "admin", "member", "viewer");
    public static final Set<String> MEMBER_STATUSES = Set.of("invited", "active", "suspended", "removed");

    /** Likert answers run from 1 (strongly disagree) to 5 (strongly agree). */
    public static final int LIKERT_MIN = 1;
    public static final int LIKERT_MAX = 5;

    private Vocabulary() {
    }

    static String sorted(Set<String> values) {
        return new TreeSet<>(values).toString();
    }
}

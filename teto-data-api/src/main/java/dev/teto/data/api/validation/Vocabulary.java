package dev.teto.data.api.validation;

import dev.teto.data.api.model.AssessmentStatus;
import dev.teto.data.api.model.MemberRole;
import dev.teto.data.api.model.MemberStatus;
import dev.teto.data.api.model.OrganizationStatus;
import dev.teto.data.api.model.QuestionType;
import dev.teto.data.api.model.SubscriptionStatus;
import dev.teto.data.api.model.UserRole;
import dev.teto.data.api.model.UserStatus;

import java.util.Set;
import java.util.TreeSet;

/**
 * The values the status and role columns may take, as the enums of the model package define them; the sets are
 * here for {@link Check#oneOf}. The seed lists only the user roles; the other sets are ours (see
 * docs/schema-deviations.md) and the database CHECK constraints must list the same values.
 */
public final class Vocabulary {
    public static final Set<String> USER_ROLES = UserRole.wireNames();
    public static final Set<String> USER_STATUSES = UserStatus.wireNames();
    public static final Set<String> ASSESSMENT_STATUSES = AssessmentStatus.wireNames();
    public static final Set<String> QUESTION_TYPES = QuestionType.wireNames();
    public static final Set<String> SUBSCRIPTION_STATUSES = SubscriptionStatus.wireNames();
    public static final Set<String> ORGANIZATION_STATUSES = OrganizationStatus.wireNames();
    public static final Set<String> MEMBER_ROLES = MemberRole.wireNames();
    public static final Set<String> MEMBER_STATUSES = MemberStatus.wireNames();

    /** Likert answers run from 1 (strongly disagree) to 5 (strongly agree). */
    public static final int LIKERT_MIN = 1;
    public static final int LIKERT_MAX = 5;

    private Vocabulary() {
    }

    static String sorted(Set<String> values) {
        return new TreeSet<>(values).toString();
    }
}

package dev.teto.data.api.content;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The seed's {@code feedback_type} values; records keep the wire name as a String. */
public enum FeedbackType {
    RESULTS_ACCURACY("results_accuracy"),
    UX_EXPERIENCE("ux_experience"),
    FEATURE_REQUEST("feature_request");

    /** Every wire name. */
    public static final Set<String> NAMES =
            Arrays.stream(values()).map(FeedbackType::wireName).collect(Collectors.toUnmodifiableSet());

    private final String wireName;

    FeedbackType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

package dev.teto.data.api.scoring;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;

import java.util.regex.Pattern;

/** Which scorer made a profile: a class-like name and a version, as stored beside every profile. */
public record ScorerVersion(String name, String version) {
    /** Profiles stored before scorers were versioned, and direct imports that name none. */
    public static final ScorerVersion UNVERSIONED = new ScorerVersion("unversioned", "0");

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.:$-]*$");

    public static ScorerVersion of(ProfileScorer scorer) {
        Check.required("scorer", scorer);
        return new ScorerVersion(scorer.name(), scorer.version()).validate();
    }

    /** Names are class names (with {@code $} and dots); versions are codes such as {@code 2} or {@code 2025-07.b}. */
    public ScorerVersion validate() {
        Check.requiredText("scorerName", name, ProfileScorer.NAME_MAX);
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException("scorerName", null, "must be letters, digits and _ . : $ -");
        }
        Check.requiredText("scorerVersion", version, ProfileScorer.VERSION_MAX);
        Check.code("scorerVersion", version);
        return this;
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}

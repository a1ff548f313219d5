package dev.teto.data.api.scoring;

import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.validation.Check;

/**
 * Turns an assessment's answers into a profile. The library stores results but does not decide them: the host
 * supplies the scoring model (teto-data-cli's {@code dev.teto.data.cli.demo.TetoEgenScorer} is a simple one).
 *
 * <p>Called inside the completion transaction, so it must be pure and quick: no I/O.
 *
 * <p>Every profile records the {@link #name()} and {@link #version()} of the scorer that made it, so a profile
 * shown to a user last year can be told apart from one a newer model made ({@link Rescoring}). Give a new version
 * whenever the model's output may change.
 */
@FunctionalInterface
public interface ProfileScorer {
    /** Scorer name stored for a lambda or anonymous class that names itself nowhere. */
    String UNNAMED = "unnamed";
    /** Version stored when a scorer does not give one. */
    String DEFAULT_VERSION = "1";
    int NAME_MAX = 100;
    int VERSION_MAX = 50;

    ProfileDraft score(ScoringInput input);

    /** Stored in {@code profiles.scorer_name}: the class name, or {@link #UNNAMED} for a lambda. */
    default String name() {
        Class<?> type = getClass();
        return type.isSynthetic() || type.isAnonymousClass() || type.getName().contains("$$Lambda")
                ? UNNAMED : type.getName();
    }

    /** Stored in {@code profiles.scorer_version}. */
    default String version() {
        return DEFAULT_VERSION;
    }

    /** {@code scorer} under an explicit name and version: for lambdas, or to version a scorer class from config. */
    static ProfileScorer named(String name, String version, ProfileScorer scorer) {
        new ScorerVersion(name, version).validate();
        Check.required("scorer", scorer);
        return new ProfileScorer() {
            @Override
            public ProfileDraft score(ScoringInput input) {
                return scorer.score(input);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String version() {
                return version;
            }

            @Override
            public String toString() {
                return name + "@" + version;
            }
        };
    }
}

package dev.teto.data.cli.demo;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.ScoringInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simple, transparent scoring model for the Teto-Egen test: two axes, four types.
 *
 * <h2>Axes</h2>
 * Every Likert question names its axis in {@code category} and, in {@code subcategory}, the pole that agreeing with
 * it points to:
 * <ul>
 *   <li>{@value #ENERGY} axis: the temperament the meme calls "teto" (testosterone-like: direct, driven, decisive)
 *       versus "egen" (estrogen-like: sensitive, empathetic, harmony-seeking). Poles {@value #TETO} and
 *       {@value #EGEN}.</li>
 *   <li>{@value #EXPRESSION} axis: a masculine-coded versus feminine-coded style of expression (plain and
 *       practical versus expressive and detail-loving). Poles {@value #MASCULINE} and {@value #FEMININE}.</li>
 * </ul>
 *
 * <h2>Score</h2>
 * For each axis, each answer (1 = strongly disagree .. 5 = strongly agree) is first <em>pole-normalised</em>: an
 * answer to a {@value #TETO} or {@value #MASCULINE} item is kept as is, an answer to an {@value #EGEN} or
 * {@value #FEMININE} item is reversed ({@code 6 - value}). The axis score is the mean of those values mapped
 * linearly from 1..5 to 0..100, so 100 means fully teto (or fully masculine-coded) and 0 fully egen (or fully
 * feminine-coded). {@code dimensions} stores {@code teto}, {@code egen = 100 - teto}, {@code masculine} and
 * {@code feminine = 100 - masculine}, rounded to one decimal.
 *
 * <p>Answers whose question has another category, or no Likert value, are ignored, so a host may mix in extra
 * questions. An axis with no usable answer, or an item whose subcategory is not one of its axis's poles, is a
 * misconfigured question set and fails with {@link ValidationException}.
 *
 * <h2>Types</h2>
 * <table>
 *   <caption>Type codes</caption>
 *   <tr><th></th><th>masculine-coded expression</th><th>feminine-coded expression</th></tr>
 *   <tr><th>teto</th><td>{@code TETO_M} Teto man-type (테토남)</td><td>{@code TETO_F} Teto woman-type (테토녀)</td></tr>
 *   <tr><th>egen</th><td>{@code EGEN_M} Egen man-type (에겐남)</td><td>{@code EGEN_F} Egen woman-type (에겐녀)</td></tr>
 * </table>
 * In the meme, "teto/egen" is the hormone-like temperament and 남/녀 (man/woman) is read as the person's gender.
 * This model deliberately does <em>not</em> ask for or use gender: the 남/녀 half comes from the expression axis,
 * and the type names say "man-type" / "woman-type" to mark a style, not a sex or gender. Anyone can get any of the
 * four types, and no type is better than another; each has strengths and growth areas.
 *
 * <h2>Tie-break</h2>
 * An axis whose exact (unrounded) score is 50 is a tie. Ties go to the first-named pole, {@value #TETO} on the
 * energy axis and {@value #MASCULINE} on the expression axis, so the same answers always give the same type.
 * The tie is recorded in the profile's {@code metadata.ties} list (e.g. {@code ["energy"]}) so a UI can say
 * "balanced" instead.
 *
 * <p>Pure and stateless: no I/O, safe to share between threads.
 */
public final class TetoEgenScorer implements ProfileScorer {

    /** Category of the teto (100) ↔ egen (0) axis. */
    public static final String ENERGY = "energy";
    /** Category of the masculine-coded (100) ↔ feminine-coded (0) expression axis. */
    public static final String EXPRESSION = "expression";
    public static final String TETO = "teto";
    public static final String EGEN = "egen";
    public static final String MASCULINE = "masculine";
    public static final String FEMININE = "feminine";

    /** Name and version of this model, stored in {@code metadata.model}. */
    public static final String MODEL = "teto-egen-scorer-v1";

    private static final double NEUTRAL = 50.0;

    /** The four personality types, with their display name, strengths and growth areas. */
    public enum Type {
        TETO_M("Teto man-type (테토남)",
                List.of("Decisive under pressure",
                        "Direct, no-nonsense communication",
                        "Takes the initiative and leads by doing",
                        "Stays steady and practical in a crisis"),
                List.of("Asking how others feel before deciding",
                        "Sharing feelings, not only solutions",
                        "Letting others take the lead sometimes")),
        TETO_F("Teto woman-type (테토녀)",
                List.of("Confident and self-driven",
                        "Says what they mean, clearly and warmly",
                        "Rallies a group toward a shared goal",
                        "Combines drive with expressive warmth"),
                List.of("Slowing down before committing",
                        "Leaving room for quieter voices",
                        "Resting without feeling guilty")),
        EGEN_M("Egen man-type (에겐남)",
                List.of("Calm, gentle presence",
                        "Listens closely and notices changes in mood",
                        "Makes thoughtful, considered decisions",
                        "Keeps the peace in a group"),
                List.of("Voicing own needs and opinions early",
                        "Making a call when no option is perfect",
                        "Saying no without over-explaining")),
        EGEN_F("Egen woman-type (에겐녀)",
                List.of("Deep empathy and emotional insight",
                        "Expressive, caring communication",
                        "Creates warm, harmonious spaces",
                        "Attentive to detail and atmosphere"),
                List.of("Setting and keeping boundaries",
                        "Trusting own judgement without waiting for consensus",
                        "Not taking criticism personally"));

        private final String typeName;
        private final List<String> strengths;
        private final List<String> growthAreas;

        Type(String typeName, List<String> strengths, List<String> growthAreas) {
            this.typeName = typeName;
            this.strengths = strengths;
            this.growthAreas = growthAreas;
        }

        /** The value stored in {@code profiles.personality_type} (at most 20 characters). */
        public String code() {
            return name();
        }

        public String typeName() {
            return typeName;
        }

        public List<String> strengths() {
            return strengths;
        }

        public List<String> growthAreas() {
            return growthAreas;
        }

        /** The type for two axis scores, ties (exactly 50) going to teto and to masculine. */
        public static Type of(double teto, double masculine) {
            boolean isTeto = teto >= NEUTRAL;
            boolean isMasculine = masculine >= NEUTRAL;
            if (isTeto) {
                return isMasculine ? TETO_M : TETO_F;
            }
            return isMasculine ? EGEN_M : EGEN_F;
        }
    }

    /** A stable name, so moving the class does not make its profiles look like another scorer's. */
    public static final String NAME = "teto-egen";
    public static final String VERSION = "1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public ProfileDraft score(ScoringInput input) {
        double teto = axisScore(input, ENERGY, TETO, EGEN);
        double masculine = axisScore(input, EXPRESSION, MASCULINE, FEMININE);
        Type type = Type.of(teto, masculine);
        return ProfileDraft.of(type.code(), type.typeName(), dimensions(teto, masculine))
                .withStrengths(type.strengths())
                .withGrowthAreas(type.growthAreas())
                .withMetadata(metadata(teto, masculine));
    }

    /**
     * Mean of the pole-normalised answers of one axis, mapped from 1..5 to 0..100 (unrounded).
     *
     * @throws ValidationException when the axis has no usable answer or an item names an unknown pole
     */
    static double axisScore(ScoringInput input, String axis, String highPole, String lowPole) {
        int sum = 0;
        int count = 0;
        for (ScoringInput.Item item : input.items()) {
            Question question = item.question();
            Answer answer = item.answer();
            if (!axis.equals(question.category()) || answer == null || answer.value() == null) {
                continue;
            }
            sum += normalise(question, answer.value(), highPole, lowPole);
            count++;
        }
        if (count == 0) {
            throw new ValidationException("answers", axis, "no Likert answer for the " + axis + " axis");
        }
        double mean = (double) sum / count;
        return (mean - 1.0) / 4.0 * 100.0;
    }

    private static int normalise(Question question, int value, String highPole, String lowPole) {
        if (value < 1 || value > 5) {
            throw new ValidationException("value", value, "must be a Likert value from 1 to 5");
        }
        if (highPole.equals(question.subcategory())) {
            return value;
        }
        if (lowPole.equals(question.subcategory())) {
            return 6 - value;
        }
        throw new ValidationException("subcategory", question.subcategory(),
                "must be " + highPole + " or " + lowPole + " for a " + question.category() + " question");
    }

    private static Map<String, Object> dimensions(double teto, double masculine) {
        double tetoRounded = round1(teto);
        double masculineRounded = round1(masculine);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(TETO, tetoRounded);
        d.put(EGEN, round1(100.0 - tetoRounded));
        d.put(MASCULINE, masculineRounded);
        d.put(FEMININE, round1(100.0 - masculineRounded));
        return d;
    }

    private static Map<String, Object> metadata(double teto, double masculine) {
        List<String> ties = new ArrayList<>();
        if (teto == NEUTRAL) {
            ties.add(ENERGY);
        }
        if (masculine == NEUTRAL) {
            ties.add(EXPRESSION);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", MODEL);
        m.put("ties", ties);
        return m;
    }

    private static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}

package dev.teto.data.cli.demo;

import dev.teto.data.cli.demo.TetoEgenScorer.Type;

import java.util.List;

/**
 * What one synthetic taker does, fixed by (seed, index) alone so a re-run makes the same decisions: that is what
 * makes {@code demo seed} resumable.
 *
 * @param index         0-based taker number; names the user ({@link #email})
 * @param targetType    the type the taker leans to; the scorer usually, not always, agrees
 * @param values        one Likert answer (1..5) per question, in question order (28)
 * @param responseTimes one response time (ms) per question, in question order
 * @param answered      how many questions the taker answers: all of them, or fewer when they abandon
 * @param tooFast       a speeder: every response time is far below a reading time
 * @param upgrades      takes a premium subscription after seeing the result (only when completed)
 */
public record TakerPlan(long seed, int index, Type targetType, List<Integer> values, List<Integer> responseTimes,
                        int answered, boolean tooFast, boolean upgrades) {

    /** Demo e-mail domain; {@code example.com} is reserved for documentation and never delivers. */
    public static final String EMAIL_DOMAIN = "example.com";

    public TakerPlan {
        values = List.copyOf(values);
        responseTimes = List.copyOf(responseTimes);
    }

    public boolean abandons() {
        return answered < values.size();
    }

    /** The taker's identity, unique per (seed, index): a re-run finds the user it created before. */
    public String email() {
        return email(seed, index);
    }

    public static String email(long seed, int index) {
        return "demo-taker-" + Long.toUnsignedString(seed) + "-" + index + "@" + EMAIL_DOMAIN;
    }

    public String name() {
        return "Demo taker " + index;
    }
}

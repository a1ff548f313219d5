package dev.teto.data.cli.demo;

import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.cli.demo.TetoEgenScorer.Type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic population of {@code demo seed}: who leans to which type, who abandons, who speeds, who upgrades.
 * Every taker's plan comes from a generator seeded by (seed, index) only, never from a shared sequence, so taker 417
 * is the same person whether it is seeded in a first run, in a resumed one, or on another thread.
 */
public final class DemoPopulation {

    /** Target share of each type among the takers (sums to 1). */
    public static final Map<Type, Double> TYPE_MIX = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Type.TETO_M, 0.34, Type.TETO_F, 0.18, Type.EGEN_M, 0.16, Type.EGEN_F, 0.32)));
    /** Share of takers who stop before the last question. */
    public static final double ABANDON_RATE = 0.10;
    /** Share of takers who answer far faster than anyone can read (all answers under 650 ms). */
    public static final double TOO_FAST_RATE = 0.05;
    /** Share of each type's completed takers who take a premium subscription: what the upgrade chart shows. */
    public static final Map<Type, Double> UPGRADE_RATE = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Type.TETO_M, 0.10, Type.TETO_F, 0.22, Type.EGEN_M, 0.07, Type.EGEN_F, 0.15)));

    /** Normal takers: median response time and its spread (log-normal), clamped to a plausible range. */
    private static final double MEDIAN_MS = 3_200;
    private static final double LOG_SIGMA = 0.45;
    private static final int MIN_MS = 900;
    private static final int MAX_MS = 30_000;
    /** Speeders answer in 150..650 ms: below the behavioral-pattern processor's 800 ms "too fast" default. */
    private static final int FAST_MIN_MS = 150;
    private static final int FAST_SPAN_MS = 500;

    private final long seed;
    private final List<NewQuestion> questions = TetoEgenQuestions.all();

    public DemoPopulation(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The plan of taker {@code index} (0-based). */
    public TakerPlan plan(int index) {
        // SplittableRandom mixes its seed, so neighbouring (seed, index) pairs give unrelated streams.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Type type = pickType(random.nextDouble());
        boolean tooFast = random.nextDouble() < TOO_FAST_RATE;
        boolean abandons = random.nextDouble() < ABANDON_RATE;
        int answered = abandons ? 1 + random.nextInt(questions.size() - 1) : questions.size();
        boolean upgrades = random.nextDouble() < UPGRADE_RATE.get(type);
        // How strongly the taker leans on each axis, in Likert points away from neutral 3: weak leaners flip now and
        // then, so the scored mix is close to, not exactly, the target mix.
        double energyLean = 0.3 + random.nextDouble();
        double expressionLean = 0.3 + random.nextDouble();
        double pace = 0.7 + 0.7 * random.nextDouble();
        List<Integer> values = new ArrayList<>(questions.size());
        List<Integer> times = new ArrayList<>(questions.size());
        for (NewQuestion q : questions) {
            boolean energy = TetoEgenScorer.ENERGY.equals(q.category());
            String pole = energy ? energyPole(type) : expressionPole(type);
            double lean = energy ? energyLean : expressionLean;
            double mean = 3 + (pole.equals(q.subcategory()) ? lean : -lean);
            values.add(clamp((int) Math.round(mean + 0.9 * random.nextGaussian()), 1, 5));
            times.add(tooFast ? FAST_MIN_MS + random.nextInt(FAST_SPAN_MS) : normalTime(random, pace));
        }
        return new TakerPlan(seed, index, type, values, times, answered, tooFast, upgrades && !abandons);
    }

    static Type pickType(double u) {
        double cumulative = 0;
        for (Type t : Type.values()) {
            cumulative += TYPE_MIX.get(t);
            if (u < cumulative) {
                return t;
            }
        }
        return Type.values()[Type.values().length - 1];
    }

    static String energyPole(Type type) {
        return type == Type.TETO_M || type == Type.TETO_F ? TetoEgenScorer.TETO : TetoEgenScorer.EGEN;
    }

    static String expressionPole(Type type) {
        return type == Type.TETO_M || type == Type.EGEN_M ? TetoEgenScorer.MASCULINE : TetoEgenScorer.FEMININE;
    }

    private static int normalTime(SplittableRandom random, double pace) {
        double ms = pace * MEDIAN_MS * Math.exp(LOG_SIGMA * random.nextGaussian());
        return clamp((int) Math.round(ms), MIN_MS, MAX_MS);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}

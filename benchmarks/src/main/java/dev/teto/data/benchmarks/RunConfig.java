package dev.teto.data.benchmarks;

/**
 * How much a benchmark runs: {@code assessments} per variant and round, {@code warmupRounds} unreported rounds
 * first, then {@code rounds} measured ones.
 */
public record RunConfig(int assessments, int warmupRounds, int rounds) {

    public RunConfig {
        if (assessments < 1 || warmupRounds < 0 || rounds < 1) {
            throw new IllegalArgumentException("need n >= 1, warmup >= 0, rounds >= 1; got n=" + assessments
                    + ", warmup=" + warmupRounds + ", rounds=" + rounds);
        }
    }

    /** {@code n} from the first argument or system property {@code n}; {@code warmup}, {@code rounds} likewise. */
    static RunConfig from(String[] args) {
        String n = args.length > 0 ? args[0] : System.getProperty("n", "200");
        return new RunConfig(parse("n", n), parse("warmup", System.getProperty("warmup", "1")),
                parse("rounds", System.getProperty("rounds", "3")));
    }

    private static int parse(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}

package dev.teto.data.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What one variant did over the whole run: the seconds of each measured round, the assessments and answers it
 * handled per round, and the ids of every assessment it wrote to (warm-up rounds included), so a test can check
 * the rows.
 */
public final class VariantResult {

    private final String name;
    private final List<Double> roundSeconds = new ArrayList<>();
    private final List<UUID> assessmentIds = new ArrayList<>();
    private int assessmentsPerRound;
    private int answersPerRound;

    VariantResult(String name) {
        this.name = name;
    }

    void recordWorkloads(List<Workload> workloads) {
        int answers = 0;
        for (Workload w : workloads) {
            assessmentIds.add(w.assessmentId());
            answers += w.answers().size();
        }
        assessmentsPerRound = workloads.size();
        answersPerRound = answers;
    }

    void recordRound(double seconds) {
        roundSeconds.add(seconds);
    }

    public String name() {
        return name;
    }

    /** Assessments per round: answered (ingestion) or completed (completion). */
    public int assessmentsPerRound() {
        return assessmentsPerRound;
    }

    /** Answers per round: saved by the variant (ingestion), or already stored before it ran (completion). */
    public int answersPerRound() {
        return answersPerRound;
    }

    /** Seconds of each measured round, in order. */
    public List<Double> roundSeconds() {
        return List.copyOf(roundSeconds);
    }

    /** Every assessment this variant answered, warm-up rounds included. */
    public List<UUID> assessmentIds() {
        return List.copyOf(assessmentIds);
    }

    /** Median seconds of the measured rounds (mean of the middle two for an even count); NaN with none. */
    public double medianSeconds() {
        if (roundSeconds.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = roundSeconds.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
    }

    public double answersPerSecond() {
        return answersPerRound / medianSeconds();
    }

    public double assessmentsPerSecond() {
        return assessmentsPerRound / medianSeconds();
    }

    /** Median microseconds per assessment handled (per completion, in the completion benchmark). */
    public double microsPerAssessment() {
        return medianSeconds() * 1e6 / assessmentsPerRound;
    }
}

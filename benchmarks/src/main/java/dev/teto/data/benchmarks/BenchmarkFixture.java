package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The untimed part of the benchmarks: a question set of {@value #QUESTIONS} Likert items, one user, and fresh
 * assessments (with their answers drawn from a fixed seed) for each variant and round, all made through the SDK.
 */
final class BenchmarkFixture {

    static final String VERSION = "bench-v1";
    static final int QUESTIONS = 28;
    private static final long SEED = 28L;

    private final TetoData data;
    private final UUID userId;
    private final List<UUID> questionIds;
    private final Random random = new Random(SEED);

    private BenchmarkFixture(TetoData data, UUID userId, List<UUID> questionIds) {
        this.data = data;
        this.userId = userId;
        this.questionIds = questionIds;
    }

    /** Seeds the questions (unless the version has them already) and creates the user. */
    /** The user every workload's assessment belongs to. */
    UUID userId() {
        return userId;
    }

    /** The version's {@value #QUESTIONS} active questions, in order. */
    List<UUID> questionIds() {
        return questionIds;
    }

    static BenchmarkFixture prepare(TetoData data) {
        if (data.questions().countActive(VERSION) == 0) {
            data.questions().createAll(questions());
        }
        List<UUID> ids = data.questions().listActive(VERSION, PageRequest.first(QUESTIONS + 1)).items().stream()
                .map(Question::id).toList();
        if (ids.size() != QUESTIONS) {
            throw new IllegalStateException("expected " + QUESTIONS + " active questions in " + VERSION
                    + ", found " + ids.size());
        }
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID userId = data.users().create(NewUser.of(email, "Benchmark user")).id();
        return new BenchmarkFixture(data, userId, ids);
    }

    /**
     * {@code count} new in-progress assessments ({@code assessmentFlow().start}, which records the question set),
     * each with one Likert answer per question still to be saved.
     */
    List<Workload> freshWorkloads(int count) {
        List<Workload> workloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID assessmentId = data.assessmentFlow().start(userId, VERSION).id();
            workloads.add(new Workload(assessmentId, answers()));
        }
        return workloads;
    }

    /** {@code count} new in-progress assessments with every question answered ({@code answerAll}), ready to complete. */
    List<Workload> answeredWorkloads(int count) {
        List<Workload> workloads = freshWorkloads(count);
        for (Workload w : workloads) {
            data.assessmentFlow().answerAll(w.assessmentId(), w.answers());
        }
        return workloads;
    }

    private List<AnswerInput> answers() {
        List<AnswerInput> answers = new ArrayList<>(questionIds.size());
        for (UUID questionId : questionIds) {
            answers.add(AnswerInput.likert(questionId, 1 + random.nextInt(5), 500 + random.nextInt(5_000)));
        }
        return answers;
    }

    private static List<NewQuestion> questions() {
        List<NewQuestion> questions = new ArrayList<>(QUESTIONS);
        for (int i = 1; i <= QUESTIONS; i++) {
            String category = i % 2 == 0 ? "energy" : "expression";
            String pole = switch (i % 4) {
                case 0 -> "teto";
                case 1 -> "masculine";
                case 2 -> "egen";
                default -> "feminine";
            };
            questions.add(NewQuestion.likert(VERSION, i, category, pole, "Benchmark statement " + i));
        }
        return questions;
    }
}

package dev.teto.data.examples;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.model.AssessmentAnalytics;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.privacy.ErasureReceipt;
import dev.teto.data.api.privacy.PersonalDataExport;
import dev.teto.data.api.privacy.StoreReceipt;
import dev.teto.data.cli.demo.TetoEgenQuestions;
import dev.teto.data.cli.demo.TetoEgenScorer;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.testing.RedisServers;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.TestRedis;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The whole Teto-Egen flow on embedded defaults: seed the questions, create a user, take the test, print the
 * profile.
 *
 * <p>{@link #main} gets a PostgreSQL server from {@code teto-data-testing} ({@code TETO_PG_URL} if set, else
 * Testcontainers if Docker answers, else an embedded PostgreSQL 15), works in a fresh schema of its own and drops
 * it at the end; a server started for the run is stopped by the testing module's shutdown hook when the JVM exits.
 * Redis comes the same way ({@code TETO_REDIS_URL}, else Testcontainers, else an embedded Redis 7), with a key prefix
 * of its own whose keys are deleted at the end: questions, the profile, progress and sessions are cached there.
 * Kafka too ({@code TETO_KAFKA_BOOTSTRAP}, else Testcontainers, else an in-process KRaft broker), with a topic prefix
 * of its own: the processors run on it and the quickstart prints the analytics they computed for the test taken.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java}
 */
public final class Quickstart {

    /** Seed of the pseudo-random answers, so every run gives the same profile. */
    public static final long ANSWER_SEED = 20_250_707L;

    private Quickstart() {
    }

    /**
     * Runs {@link #runInOwnSchema} and exits with its status. The explicit {@code System.exit} matters under
     * {@code mvn exec:java}: the program then runs inside Maven's JVM, and the exec plugin closes the program's class
     * loader when {@code main} returns, before the JVM's shutdown hooks run. The hook that stops the embedded server
     * and deletes its temp directory would then fail to load classes. Exiting here runs it while they still load.
     */
    public static void main(String[] args) {
        System.exit(runInOwnSchema(utf8Stdout()));
    }

    /**
     * Runs the flow in a fresh schema of the shared test server and drops the schema afterwards.
     *
     * @return the process exit status: 0 on success, 1 on failure (the stack trace goes to stderr)
     */
    static int runInOwnSchema(PrintStream out) {
        try (TestDatabase db = TestDatabase.create("quickstart"); TestRedis redis = TestRedis.create("quickstart");
                TestKafka kafka = TestKafka.create("quickstart")) {
            out.printf("Teto-Egen quickstart: PostgreSQL %s, schema %s; Redis %s, key prefix %s%n", db.server().kind(),
                    db.schema(), RedisServers.sharedKind(), redis.prefix());
            Map<String, String> settings = new LinkedHashMap<>(db.settings());
            settings.putAll(redis.settings());
            settings.putAll(kafka.settings());   // the processors run on the in-process Kafka broker
            run(settings, out);
            return 0;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        } finally {
            out.flush();
        }
    }

    /**
     * Runs the flow against the stores {@code settings} name ({@code postgres.url}, {@code postgres.schema}, ...;
     * migrating the schema if needed) and returns the stored profile. Opens and closes its own {@link TetoData}.
     */
    public static Profile run(Map<String, String> settings, PrintStream out) {
        try (TetoData data = TetoData.builder()
                .configure(settings)
                .profileScorer(new TetoEgenScorer())
                .build();
                Processors processors = Processors.create(data, ProcessorOptions.DEFAULTS)) {
            processors.start();   // the asynchronous processing: on Kafka when configured, else in-process
            seedQuestions(data, out);
            User user = createUser(data, out);
            Assessment assessment = takeTest(data, user, out);
            Profile profile = data.assessmentFlow().complete(assessment.id());
            printProfile(profile, out);
            printAnalytics(data, processors, profile.assessmentId(), out);
            exportAndErase(data, user, out);
            return profile;
        }
    }

    /**
     * 7) The person's rights: everything about them as one JSON document; then a second taker asks to be forgotten
     * and is erased everywhere, with a receipt per store (the outbox step completes once {@code user.erased} is
     * delivered, a moment later).
     */
    static void exportAndErase(TetoData data, User user, PrintStream out) {
        PersonalDataExport export = data.privacy().export(user.id());
        out.printf("7) Privacy: export of %s, %d characters of JSON from %s%n", user.id(), export.json().length(),
                export.stores());
        User leaving = createUser(data, new PrintStream(java.io.OutputStream.nullOutputStream()));
        Assessment taken = takeTest(data, leaving, new PrintStream(java.io.OutputStream.nullOutputStream()));
        data.assessmentFlow().complete(taken.id());
        out.printf("   a second taker, %s, asks to be forgotten:%n", leaving.id());
        ErasureReceipt receipt = data.privacy().erase(leaving.id());
        for (StoreReceipt store : receipt.stores()) {
            out.printf("   erased in %-8s %s (%d removed, %d anonymised) %s%n", store.store(), store.state(),
                    store.removed(), store.anonymised(), store.detail());
        }
    }

    /** 1) Seeds the 28 questions of {@link TetoEgenQuestions#VERSION} unless that version already has some. */
    static void seedQuestions(TetoData data, PrintStream out) {
        int existing = data.questions().countActive(TetoEgenQuestions.VERSION);
        if (existing > 0) {
            out.printf("1) Questions: %d active in %s already, not seeding%n", existing, TetoEgenQuestions.VERSION);
            return;
        }
        int created = data.questions().createAll(TetoEgenQuestions.all()).size();
        out.printf("1) Questions: seeded %d (version %s)%n", created, TetoEgenQuestions.VERSION);
    }

    /** 2) Creates a user with a random e-mail address, so reruns against the same schema work. */
    static User createUser(TetoData data, PrintStream out) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        User user = data.users().create(NewUser.of("quickstart-" + tag + "@example.com", "Quickstart " + tag));
        out.printf("2) User: %s (%s)%n", user.email(), user.id());
        return user;
    }

    /** 3) Starts an assessment and answers every question in one batch, with seeded pseudo-random answers. */
    static Assessment takeTest(TetoData data, User user, PrintStream out) {
        Assessment assessment = data.assessmentFlow().start(user.id(), TetoEgenQuestions.VERSION);
        List<Question> questions = data.questions()
                .listActive(TetoEgenQuestions.VERSION, PageRequest.first(PageRequest.MAX_LIMIT)).items();
        data.assessmentFlow().answerAll(assessment.id(), answers(questions, new Random(ANSWER_SEED)));
        Assessment answered = data.assessments().findById(assessment.id()).orElseThrow();
        out.printf("3) Assessment %s: %d/%d answered%n", answered.id(), answered.questionsAnswered(),
                answered.totalQuestions());
        return answered;
    }

    /** One Likert answer (1..5, with a 0.8-6 s response time) per question, drawn from {@code random}. */
    static List<AnswerInput> answers(List<Question> questions, Random random) {
        List<AnswerInput> answers = new ArrayList<>(questions.size());
        for (Question q : questions) {
            answers.add(AnswerInput.likert(q.id(), 1 + random.nextInt(5), 800 + random.nextInt(5_200)));
        }
        return answers;
    }

    /** 4) + 5) Prints the completed profile. */
    static void printProfile(Profile profile, PrintStream out) {
        out.printf("4) Completed; profile %s%n", profile.id());
        out.printf("5) Type:         %s - %s%n", profile.personalityType(), profile.typeName());
        out.printf("   Dimensions:   teto %s / egen %s, masculine %s / feminine %s%n",
                profile.dimensions().get(TetoEgenScorer.TETO), profile.dimensions().get(TetoEgenScorer.EGEN),
                profile.dimensions().get(TetoEgenScorer.MASCULINE), profile.dimensions().get(TetoEgenScorer.FEMININE));
        out.printf("   Strengths:    %s%n", String.join("; ", profile.strengths()));
        out.printf("   Growth areas: %s%n", String.join("; ", profile.growthAreas()));
    }

    /** 6) What the assessment-analytics processor computed from the completion event, once it has. */
    static void printAnalytics(TetoData data, Processors processors, UUID assessmentId, PrintStream out) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Optional<AssessmentAnalytics> found = data.assessmentAnalytics().findByAssessment(assessmentId);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            found = data.assessmentAnalytics().findByAssessment(assessmentId);
        }
        if (found.isEmpty()) {
            out.printf("6) Analytics: not computed within 30 s (processors on %s)%n", processors.transport());
            return;
        }
        AssessmentAnalytics analytics = found.get();
        out.printf("6) Analytics (processors on %s): completion %s%%, %s s per question on average%n",
                processors.transport(), analytics.completionRate(), analytics.averageTimePerQuestion());
        @SuppressWarnings("unchecked")
        Map<String, Object> relative = (Map<String, Object>) analytics.questionDifficulty().get("questions");
        Map<String, Integer> order = new LinkedHashMap<>();
        data.questions().listActive(TetoEgenQuestions.VERSION, PageRequest.first(PageRequest.MAX_LIMIT)).items()
                .forEach(q -> order.put(q.id().toString(), q.orderIndex()));
        String slowest = relative.entrySet().stream()
                .sorted((a, b) -> Double.compare(((Number) b.getValue()).doubleValue(), ((Number) a.getValue()).doubleValue()))
                .limit(3)
                .map(e -> "Q" + order.get(e.getKey()) + " (" + e.getValue() + "x your average)")
                .reduce((a, b) -> a + ", " + b).orElse("none");
        out.printf("   Hardest for you: %s%n", slowest);
    }

    /** Korean type names need UTF-8 whatever the platform's default console encoding; never closed. */
    private static PrintStream utf8Stdout() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }
}

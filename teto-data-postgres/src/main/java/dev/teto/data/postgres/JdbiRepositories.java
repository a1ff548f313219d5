package dev.teto.data.postgres;

import dev.teto.data.api.TetoRepositories;
import dev.teto.data.api.repository.AnswerRepository;
import dev.teto.data.api.repository.AssessmentAnalyticsRepository;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.api.repository.AssessmentRepository;
import dev.teto.data.api.repository.OrganizationRepository;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.api.repository.QuestionRepository;
import dev.teto.data.api.repository.SubscriptionRepository;
import dev.teto.data.api.repository.SystemMetricRepository;
import dev.teto.data.api.repository.UserActivityRepository;
import dev.teto.data.api.repository.UserPreferencesRepository;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.api.repository.UserSessionRepository;
import dev.teto.data.api.scoring.ProfileScorer;

/** One set of repositories over one executor: pooled (one transaction per call) or bound (the caller's). */
final class JdbiRepositories implements TetoRepositories {
    private final UserRepository users;
    private final UserSessionRepository sessions;
    private final AssessmentRepository assessments;
    private final QuestionRepository questions;
    private final AnswerRepository answers;
    private final ProfileRepository profiles;
    private final UserPreferencesRepository preferences;
    private final SubscriptionRepository subscriptions;
    private final OrganizationRepository organizations;
    private final UserActivityRepository activities;
    private final AssessmentAnalyticsRepository assessmentAnalytics;
    private final SystemMetricRepository metrics;
    private final AssessmentFlow assessmentFlow;

    JdbiRepositories(SqlExecutor sql, ProfileScorer defaultScorer) {
        this.users = new JdbiUserRepository(sql);
        this.sessions = new JdbiUserSessionRepository(sql);
        this.assessments = new JdbiAssessmentRepository(sql);
        this.questions = new JdbiQuestionRepository(sql);
        this.answers = new JdbiAnswerRepository(sql);
        this.profiles = new JdbiProfileRepository(sql);
        this.preferences = new JdbiUserPreferencesRepository(sql);
        this.subscriptions = new JdbiSubscriptionRepository(sql);
        this.organizations = new JdbiOrganizationRepository(sql);
        this.activities = new JdbiUserActivityRepository(sql);
        this.assessmentAnalytics = new JdbiAssessmentAnalyticsRepository(sql);
        this.metrics = new JdbiSystemMetricRepository(sql);
        this.assessmentFlow = new JdbiAssessmentFlow(sql, defaultScorer);
    }

    @Override
    public UserRepository users() {
        return users;
    }

    @Override
    public UserSessionRepository sessions() {
        return sessions;
    }

    @Override
    public AssessmentRepository assessments() {
        return assessments;
    }

    @Override
    public QuestionRepository questions() {
        return questions;
    }

    @Override
    public AnswerRepository answers() {
        return answers;
    }

    @Override
    public ProfileRepository profiles() {
        return profiles;
    }

    @Override
    public UserPreferencesRepository preferences() {
        return preferences;
    }

    @Override
    public SubscriptionRepository subscriptions() {
        return subscriptions;
    }

    @Override
    public OrganizationRepository organizations() {
        return organizations;
    }

    @Override
    public UserActivityRepository activities() {
        return activities;
    }

    @Override
    public AssessmentAnalyticsRepository assessmentAnalytics() {
        return assessmentAnalytics;
    }

    @Override
    public SystemMetricRepository metrics() {
        return metrics;
    }

    @Override
    public AssessmentFlow assessmentFlow() {
        return assessmentFlow;
    }
}

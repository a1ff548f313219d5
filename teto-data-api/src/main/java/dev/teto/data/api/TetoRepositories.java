package dev.teto.data.api;

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

/**
 * The relational repositories. {@link TetoData} hands out ones that each run in their own transaction;
 * {@link TetoData#inTransaction} hands out ones bound to a single transaction.
 */
public interface TetoRepositories {
    UserRepository users();

    UserSessionRepository sessions();

    AssessmentRepository assessments();

    QuestionRepository questions();

    AnswerRepository answers();

    ProfileRepository profiles();

    UserPreferencesRepository preferences();

    SubscriptionRepository subscriptions();

    OrganizationRepository organizations();

    UserActivityRepository activities();

    AssessmentAnalyticsRepository assessmentAnalytics();

    SystemMetricRepository metrics();

    AssessmentFlow assessmentFlow();
}

package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.repository.AnswerRepository;
import dev.teto.data.api.repository.AssessmentAnalyticsRepository;
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
import dev.teto.data.api.spi.ActivityWriter;
import dev.teto.data.api.spi.AssessmentStore;
import dev.teto.data.api.spi.UserLiveness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Every transactional capability this adapter provides, and how to bind each to a transaction's {@link Sql}. */
public final class Repositories {
    private Repositories() {
    }

    public static Map<Class<?>, Function<Sql, Object>> factories() {
        Map<Class<?>, Function<Sql, Object>> f = new LinkedHashMap<>();
        f.put(UserRepository.class, JdbiUserRepository::new);
        f.put(dev.teto.data.api.spi.UserInserts.class, JdbiUserRepository::new);
        f.put(UserSessionRepository.class, JdbiUserSessionRepository::new);
        f.put(UserPreferencesRepository.class, JdbiUserPreferencesRepository::new);
        f.put(SubscriptionRepository.class, JdbiSubscriptionRepository::new);
        f.put(OrganizationRepository.class, JdbiOrganizationRepository::new);
        f.put(AssessmentRepository.class, JdbiAssessmentRepository::new);
        f.put(QuestionRepository.class, JdbiQuestionRepository::new);
        f.put(AnswerRepository.class, JdbiAnswerRepository::new);
        f.put(ProfileRepository.class, JdbiProfileRepository::new);
        f.put(UserActivityRepository.class, JdbiUserActivityRepository::new);
        f.put(AssessmentAnalyticsRepository.class, JdbiAssessmentAnalyticsRepository::new);
        f.put(SystemMetricRepository.class, JdbiSystemMetricRepository::new);
        f.put(AssessmentStore.class, PgAssessmentStore::new);
        f.put(dev.teto.data.api.spi.ProfileVersions.class, PgProfileVersions::new);
        f.put(UserLiveness.class, PgUserLiveness::new);
        f.put(ActivityWriter.class, JdbiUserActivityRepository::new);
        return Map.copyOf(f);
    }
}

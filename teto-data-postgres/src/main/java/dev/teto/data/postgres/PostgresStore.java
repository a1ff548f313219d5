package dev.teto.data.postgres;

import com.zaxxer.hikari.HikariDataSource;
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
import dev.teto.data.api.spi.RelationalStore;
import org.jdbi.v3.core.Jdbi;

import java.util.function.Function;

/** The pool, the Jdbi instance over it, and the pooled repositories. */
final class PostgresStore implements RelationalStore {
    private final HikariDataSource pool;
    private final SqlExecutor executor;
    private final ProfileScorer defaultScorer;
    private final JdbiRepositories pooled;

    PostgresStore(HikariDataSource pool, ProfileScorer defaultScorer) {
        this.pool = pool;
        Jdbi jdbi = Jdbi.create(pool)
                .registerArgument(new InstantArgumentFactory())
                .registerArgument(new UuidArgumentFactory());
        this.executor = SqlExecutor.pooled(jdbi);
        this.defaultScorer = defaultScorer;
        this.pooled = new JdbiRepositories(executor, defaultScorer);
    }

    @Override
    public <R> R inTransaction(Function<TetoRepositories, R> work) {
        return executor.inTransaction(
                handle -> work.apply(new JdbiRepositories(SqlExecutor.bound(handle), defaultScorer)));
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public UserRepository users() {
        return pooled.users();
    }

    @Override
    public UserSessionRepository sessions() {
        return pooled.sessions();
    }

    @Override
    public AssessmentRepository assessments() {
        return pooled.assessments();
    }

    @Override
    public QuestionRepository questions() {
        return pooled.questions();
    }

    @Override
    public AnswerRepository answers() {
        return pooled.answers();
    }

    @Override
    public ProfileRepository profiles() {
        return pooled.profiles();
    }

    @Override
    public UserPreferencesRepository preferences() {
        return pooled.preferences();
    }

    @Override
    public SubscriptionRepository subscriptions() {
        return pooled.subscriptions();
    }

    @Override
    public OrganizationRepository organizations() {
        return pooled.organizations();
    }

    @Override
    public UserActivityRepository activities() {
        return pooled.activities();
    }

    @Override
    public AssessmentAnalyticsRepository assessmentAnalytics() {
        return pooled.assessmentAnalytics();
    }

    @Override
    public SystemMetricRepository metrics() {
        return pooled.metrics();
    }

    @Override
    public AssessmentFlow assessmentFlow() {
        return pooled.assessmentFlow();
    }
}

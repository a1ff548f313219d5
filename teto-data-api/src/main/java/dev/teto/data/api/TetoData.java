package dev.teto.data.api;

import dev.teto.data.api.error.StoreNotConfiguredException;
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
import dev.teto.data.api.spi.RelationalStoreProvider;

import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one object a host embeds. Build it once at start-up, share it (it is thread-safe), close it at shutdown:
 *
 * <pre>{@code
 * try (TetoData data = TetoData.builder()
 *         .postgres(PostgresOptions.builder().jdbcUrl(url).username(user).password(secret).build())
 *         .profileScorer(myScorer)
 *         .build()) {
 *     User user = data.users().create(NewUser.of("mina@example.com", "Mina"));
 * }
 * }</pre>
 *
 * Every store is optional; using a repository whose store was not configured throws
 * {@link StoreNotConfiguredException}.
 */
public final class TetoData implements TetoRepositories, AutoCloseable {
    private final RelationalStore relational;

    private TetoData(RelationalStore relational) {
        this.relational = relational;
    }

    public static Builder builder() {
        return new Builder(null, null);
    }

    /**
     * Runs {@code work} in one transaction with repositories bound to it: it commits when {@code work} returns
     * and rolls back when it throws. Do not let the repositories escape the callback.
     */
    public <R> R inTransaction(Function<TetoRepositories, R> work) {
        return relational().inTransaction(work);
    }

    public void useTransaction(Consumer<TetoRepositories> work) {
        relational().inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    @Override
    public UserRepository users() {
        return relational().users();
    }

    @Override
    public UserSessionRepository sessions() {
        return relational().sessions();
    }

    @Override
    public AssessmentRepository assessments() {
        return relational().assessments();
    }

    @Override
    public QuestionRepository questions() {
        return relational().questions();
    }

    @Override
    public AnswerRepository answers() {
        return relational().answers();
    }

    @Override
    public ProfileRepository profiles() {
        return relational().profiles();
    }

    @Override
    public UserPreferencesRepository preferences() {
        return relational().preferences();
    }

    @Override
    public SubscriptionRepository subscriptions() {
        return relational().subscriptions();
    }

    @Override
    public OrganizationRepository organizations() {
        return relational().organizations();
    }

    @Override
    public UserActivityRepository activities() {
        return relational().activities();
    }

    @Override
    public AssessmentAnalyticsRepository assessmentAnalytics() {
        return relational().assessmentAnalytics();
    }

    @Override
    public SystemMetricRepository metrics() {
        return relational().metrics();
    }

    @Override
    public AssessmentFlow assessmentFlow() {
        return relational().assessmentFlow();
    }

    /** Closes every store's pool. Safe to call twice. */
    @Override
    public void close() {
        if (relational != null) {
            relational.close();
        }
    }

    private RelationalStore relational() {
        if (relational == null) {
            throw new StoreNotConfiguredException("PostgreSQL is not configured: call TetoData.builder().postgres(...)");
        }
        return relational;
    }

    /** Immutable: every call returns a new builder. */
    public static final class Builder {
        private final PostgresOptions postgres;
        private final ProfileScorer profileScorer;

        private Builder(PostgresOptions postgres, ProfileScorer profileScorer) {
            this.postgres = postgres;
            this.profileScorer = profileScorer;
        }

        public Builder postgres(PostgresOptions options) {
            return new Builder(options, profileScorer);
        }

        /** The scorer {@link AssessmentFlow#complete(java.util.UUID)} uses. */
        public Builder profileScorer(ProfileScorer scorer) {
            return new Builder(postgres, scorer);
        }

        /** Opens the configured stores (and migrates them, unless the options say not to). */
        public TetoData build() {
            RelationalStore relational = postgres == null ? null : loadRelationalProvider().open(postgres, profileScorer);
            return new TetoData(relational);
        }

        private static RelationalStoreProvider loadRelationalProvider() {
            Iterator<RelationalStoreProvider> found =
                    ServiceLoader.load(RelationalStoreProvider.class, TetoData.class.getClassLoader()).iterator();
            if (!found.hasNext()) {
                throw new StoreNotConfiguredException(
                        "postgres options were given but dev.teto:teto-data-postgres is not on the classpath");
            }
            return found.next();
        }
    }
}

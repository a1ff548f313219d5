package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to reach PostgreSQL. Immutable; build with {@link #builder()}. Credentials come from the host's
 * configuration; {@link #toString()} never shows the password.
 */
public final class PostgresOptions {
    private static final Pattern SCHEMA_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String schema;
    private final int maximumPoolSize;
    private final int minimumIdle;
    private final Duration connectionTimeout;
    private final boolean runMigrations;
    private final int activityPartitionMonthsAhead;
    private final String applicationName;

    private PostgresOptions(Builder b) {
        this.jdbcUrl = Check.requiredText("jdbcUrl", b.jdbcUrl, 2048);
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ValidationException("jdbcUrl", "<not shown>", "must start with jdbc:postgresql:");
        }
        this.username = b.username;
        this.password = b.password;
        this.schema = Check.required("schema", b.schema);
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new ValidationException("schema", schema, "must be a lower-case SQL identifier");
        }
        this.maximumPoolSize = Check.positive("maximumPoolSize", b.maximumPoolSize);
        this.minimumIdle = Check.range("minimumIdle", b.minimumIdle, 0, b.maximumPoolSize);
        this.connectionTimeout = Check.required("connectionTimeout", b.connectionTimeout);
        this.runMigrations = b.runMigrations;
        this.activityPartitionMonthsAhead = Check.range("activityPartitionMonthsAhead", b.activityPartitionMonthsAhead, 0, 120);
        this.applicationName = Check.requiredText("applicationName", b.applicationName, 63);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(jdbcUrl, username, password, schema, maximumPoolSize, minimumIdle, connectionTimeout,
                runMigrations, activityPartitionMonthsAhead, applicationName);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The schema every table lives in; the pool's connections use it as their search path. */
    public String schema() {
        return schema;
    }

    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    public int minimumIdle() {
        return minimumIdle;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** When false, {@code build()} leaves the schema alone and the host runs the migrations itself. */
    public boolean runMigrations() {
        return runMigrations;
    }

    /** At start-up, monthly {@code user_activities} partitions are ensured this many months ahead. */
    public int activityPartitionMonthsAhead() {
        return activityPartitionMonthsAhead;
    }

    public String applicationName() {
        return applicationName;
    }

    @Override
    public String toString() {
        return "PostgresOptions[schema=" + schema + ", maximumPoolSize=" + maximumPoolSize
                + ", runMigrations=" + runMigrations + ", password=" + (password == null ? "none" : "****") + "]";
    }

    /** Immutable: every setter returns a new builder, so a shared base can be specialised safely. */
    public static final class Builder {
        private final String jdbcUrl;
        private final String username;
        private final String password;
        private final String schema;
        private final int maximumPoolSize;
        private final int minimumIdle;
        private final Duration connectionTimeout;
        private final boolean runMigrations;
        private final int activityPartitionMonthsAhead;
        private final String applicationName;

        private Builder() {
            this(null, null, null, "public", 10, 2, Duration.ofSeconds(10), true, 3, "teto-data");
        }

        private Builder(String jdbcUrl, String username, String password, String schema, int maximumPoolSize,
                        int minimumIdle, Duration connectionTimeout, boolean runMigrations,
                        int activityPartitionMonthsAhead, String applicationName) {
            this.jdbcUrl = jdbcUrl;
            this.username = username;
            this.password = password;
            this.schema = schema;
            this.maximumPoolSize = maximumPoolSize;
            this.minimumIdle = minimumIdle;
            this.connectionTimeout = connectionTimeout;
            this.runMigrations = runMigrations;
            this.activityPartitionMonthsAhead = activityPartitionMonthsAhead;
            this.applicationName = applicationName;
        }

        public Builder jdbcUrl(String v) {
            return new Builder(v, username, password, schema, maximumPoolSize, minimumIdle, connectionTimeout,
                    runMigrations, activityPartitionMonthsAhead, applicationName);
        }

        public Builder username(String v) {
            return new Builder(jdbcUrl, v, password, schema, maximumPoolSize, minimumIdle, connectionTimeout,
                    runMigrations, activityPartitionMonthsAhead, applicationName);
        }

        public Builder password(String v) {
            return new Builder(jdbcUrl, username, v, schema, maximumPoolSize, minimumIdle, connectionTimeout,
                    runMigrations, activityPartitionMonthsAhead, applicationName);
        }

        public Builder schema(String v) {
            return new Builder(jdbcUrl, username, password, v, maximumPoolSize, minimumIdle, connectionTimeout,
                    runMigrations, activityPartitionMonthsAhead, applicationName);
        }

        public Builder maximumPoolSize(int v) {
            return new Builder(jdbcUrl, username, password, schema, v, Math.min(minimumIdle, v), connectionTimeout,
                    runMigrations, activityPartitionMonthsAhead, applicationName);
        }

        public Builder minimumIdle(int v) {
            return new Builder(jdbcUrl, username, password, schema, maximumPoolSize, v, connectionTimeout,
                    runMigrations, activityPartitionMonthsAhead, applicationName);
        }

        public Builder connectionTimeout(Duration v) {
            return new Builder(jdbcUrl, username, password, schema, maximumPoolSize, minimumIdle, v,
                    runMigrations, activityPartitionMonthsAhead, applicationName);
        }

        public Builder runMigrations(boolean v) {
            return new Builder(jdbcUrl, username, password, schema, maximumPoolSize, minimumIdle, connectionTimeout,
                    v, activityPartitionMonthsAhead, applicationName);
        }

        public Builder activityPartitionMonthsAhead(int v) {
            return new Builder(jdbcUrl, username, password, schema, maximumPoolSize, minimumIdle, connectionTimeout,
                    runMigrations, v, applicationName);
        }

        public Builder applicationName(String v) {
            return new Builder(jdbcUrl, username, password, schema, maximumPoolSize, minimumIdle, connectionTimeout,
                    runMigrations, activityPartitionMonthsAhead, v);
        }

        /** @throws ValidationException naming the first option that is missing or out of range */
        public PostgresOptions build() {
            return new PostgresOptions(this);
        }
    }
}

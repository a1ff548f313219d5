package dev.teto.data.postgres.internal.security;

import dev.teto.data.postgres.PostgresOptions;

import javax.sql.DataSource;

/** What {@code build()} does about roles and the actor key, in the order PostgresStore calls it. */
public final class StartupSecurity {
    private StartupSecurity() {
    }

    /** Refuses, before connecting, options that leave the SDK no way to know the actor key. */
    public static void requireKeySource(PostgresOptions options) {
        if (options.migrationUser() == null && options.actorKey() == null) {
            throw new IllegalStateException("no actor key: configure postgres.actor-key (PostgresOptions.actorKey, "
                    + "32 bytes, base64 in settings) as installed in schema " + options.schema()
                    + ", or give postgres.migration-user and postgres.migration-password so the SDK installs or "
                    + "reads it");
        }
    }

    /** The options of the short-lived migration pool: the migration login, two connections (Flyway needs two). */
    public static PostgresOptions migrationLogin(PostgresOptions options) {
        return options.toBuilder().username(options.migrationUser()).password(options.migrationPassword())
                .maximumPoolSize(2).minimumIdle(0).applicationName(options.applicationName() + "-migrate").build();
    }

    public static ActorSigner installKey(DataSource migration, PostgresOptions options) {
        return ActorKeys.install(migration, options.schema(), options.actorKey());
    }

    public static void requireSafeRuntime(DataSource runtime, String schema, ActorSigner signer) {
        RuntimeRoleCheck.require(runtime, schema, signer);
    }
}

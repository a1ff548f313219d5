package dev.teto.data.cli.command;

import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.core.TetoData;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings the PostgreSQL schema to this release's version the way the library does at start-up (migrations as the
 * owner, the actor key installed, activity partitions ensured), then prints the version. Idempotent.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Run the PostgreSQL migrations (as postgres.migration-user when set) and print the schema version.")
public final class MigrateCommand extends CliCommand {

    @Override
    protected int run(CliContext context) {
        PostgresAccess postgres = PostgresAccess.from(context.settings());
        String before = postgres.schemaVersion().map(v -> "version " + v).orElse("an empty schema");
        Map<String, String> settings = new LinkedHashMap<>();
        // Only PostgreSQL (and the keys it checks): the other stores need not be reachable to migrate.
        context.settings().forEach((key, value) -> {
            if (key.startsWith("postgres.") || key.startsWith("privacy.")) {
                settings.put(key, value);
            }
        });
        settings.put("postgres.run-migrations", "true");
        try (TetoData ignored = context.build(settings)) {
            // build() migrated; nothing else to do while it is open
        }
        String after = postgres.schemaVersion().map(v -> "version " + v).orElse("an empty schema");
        context.out().println(before.equals(after)
                ? "schema " + postgres.schema() + " is up to date at " + after
                : "schema " + postgres.schema() + " migrated from " + before + " to " + after);
        return ExitCodes.OK;
    }
}

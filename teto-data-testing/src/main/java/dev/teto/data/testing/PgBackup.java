package dev.teto.data.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A backup and restore of one schema with the PostgreSQL 15 client tools, for tests of the operations guide: a
 * custom-format {@code pg_dump} with ownership and grants kept, and a {@code pg_restore} into another server. The
 * tools are looked for in {@code /usr/lib/postgresql/15/bin}, then on the PATH; skip when {@link #available()} is
 * false. (For the plain-SQL text of a dump, see {@link PgDump}.)
 */
public final class PgBackup {
    private static final long TIMEOUT_SECONDS = 120;

    private PgBackup() {
    }

    /** True when both pg_dump and pg_restore are installed. */
    public static boolean available() {
        return find("pg_dump").isPresent() && find("pg_restore").isPresent();
    }

    /** A PostgreSQL client tool, the server's major version first. */
    public static Optional<Path> find(String tool) {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/lib/postgresql/15/bin", tool)));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, tool));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * {@code pg_dump --format=custom --schema=<db's schema>} into {@code file}, as the server's superuser (row-level
     * security does not hide rows from it). Grants and policies are kept; owners are in the file but a restore
     * with {@code --no-owner} ignores them.
     */
    public static void dump(TestDatabase db, Path file) {
        URI uri = URI.create(db.server().jdbcUrl().substring("jdbc:".length()));
        run(List.of(find("pg_dump").orElseThrow().toString(), "--format=custom", "--file", file.toString(),
                "--schema", db.schema()), uri, db.username(), db.password());
    }

    /**
     * {@code pg_restore --no-owner --exit-on-error --single-transaction} of {@code file} into the main database of
     * the server at {@code jdbcUrl}: every object ends up owned by {@code user}, grants and policies are restored, so
     * the roles they name must exist on that server first (roles are cluster-wide and not in a schema's dump).
     *
     * @throws IllegalStateException when the tool fails (its error output is in the message) or runs past 120 s
     */
    public static void restore(Path file, String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        run(List.of(find("pg_restore").orElseThrow().toString(), "--no-owner", "--exit-on-error",
                "--single-transaction", "--dbname", database(uri), file.toString()), uri, user, password);
    }

    private static String database(URI uri) {
        return uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    }

    private static void run(List<String> command, URI uri, String user, String password) {
        List<String> full = new ArrayList<>(command);
        full.addAll(1, List.of("--host", uri.getHost(), "--port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "--username", user));
        if (command.get(0).endsWith("pg_dump")) {
            full.addAll(List.of("--dbname", database(uri)));
        }
        ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        try {
            Path errors = Files.createTempFile("teto-pg-tool", ".err");
            try {
                Process process = builder.redirectError(errors.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " ran past " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " exited with "
                            + process.exitValue() + ": " + Files.readString(errors, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command.get(0) + " ran", e);
        }
    }
}

package dev.teto.data.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code pg_dump} client against a {@link TestDatabase}'s schema and returns the dump as text, for tests
 * that check what a backup would hold (e.g. that no personal data is in it as plaintext). The client is looked
 * for in {@code /usr/lib/postgresql/15/bin} (the embedded server's major version), then on the PATH.
 */
public final class PgDump {
    private static final long TIMEOUT_SECONDS = 60;

    private PgDump() {
    }

    /** The pg_dump executable, if this machine has one. */
    public static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/lib/postgresql/15/bin/pg_dump"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "pg_dump"));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * The plain-SQL dump (schema and data) of {@code db}'s schema.
     *
     * @throws IllegalStateException when pg_dump is missing, fails, or runs past 60 s
     */
    public static String dump(TestDatabase db) {
        Path pgDump = find().orElseThrow(() -> new IllegalStateException("pg_dump is not installed"));
        URI uri = URI.create(db.server().jdbcUrl().substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        ProcessBuilder builder = new ProcessBuilder(pgDump.toString(), "--host", uri.getHost(),
                "--port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()), "--username", db.username(),
                "--dbname", database, "--schema", db.schema(), "--no-owner", "--no-privileges")
                .redirectErrorStream(false);
        builder.environment().put("PGPASSWORD", db.password());
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        try {
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_dump ran past " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("pg_dump exited with " + process.exitValue() + ": " + err.join());
            }
            return out.join();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + pgDump, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pg_dump ran", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

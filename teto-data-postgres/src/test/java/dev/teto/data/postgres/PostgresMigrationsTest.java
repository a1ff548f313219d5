package dev.teto.data.postgres;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@link PostgresMigrations#LATEST_VERSION}, which the run-migrations=false check relies on, names the newest file. */
class PostgresMigrationsTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void theLatestVersionIsTheNewestMigrationAndNoneIsMissingBelowIt() throws Exception {
        URL dir = PostgresMigrations.class.getClassLoader().getResource("db/teto/postgres");
        assertNotNull(dir, "the migrations are on the class path");
        List<Integer> versions;
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            versions = files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
        assertEquals(PostgresMigrations.LATEST_VERSION, versions.get(versions.size() - 1));
        for (int v = 1; v <= PostgresMigrations.LATEST_VERSION; v++) {
            assertEquals(v, versions.get(v - 1), "V" + v);
        }
    }
}

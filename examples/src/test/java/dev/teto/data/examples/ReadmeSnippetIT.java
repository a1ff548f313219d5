package dev.teto.data.examples;

import dev.teto.data.api.model.Profile;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's embedding snippet runs as written, and the README shows exactly that code. */
class ReadmeSnippetIT {

    @Test
    void theSnippetRunsAgainstARealServer() {
        try (TestDatabase db = TestDatabase.create("readme")) {
            Map<String, String> config = new java.util.HashMap<>(Map.of("db.url", db.jdbcUrl(), "db.user", db.appUsername(),
                    "db.password", db.appPassword(), "db.owner", db.username(), "db.owner-password", db.password(),
                    "db.schema", db.schema()));
            db.settings().forEach((key, value) -> {
                if (key.startsWith("privacy.")) {
                    config.put(key, value);
                }
            });
            Profile profile = ReadmeSnippet.run(config);
            assertTrue(profile.personalityType().startsWith("TETO") || profile.personalityType().startsWith("EGEN"));
            assertEquals(1, db.count("subscriptions"));
            assertEquals(28, db.count("answers"));
        }
    }

    @Test
    void theReadmeShowsTheSameCode() throws Exception {
        Path readme = Path.of("..", "README.md");
        String source = Files.readString(Path.of("src/main/java/dev/teto/data/examples/ReadmeSnippet.java"));
        String snippet = source.substring(source.indexOf("// README-SNIPPET-START") + "// README-SNIPPET-START".length(),
                source.indexOf("// README-SNIPPET-END"));
        String text = Files.readString(readme);
        for (String line : snippet.strip().split("\n")) {
            String code = line.strip();
            if (!code.isEmpty() && !code.equals("return profile;")) {
                assertTrue(text.contains(code), "README.md lacks the snippet line: " + code);
            }
        }
    }
}

package dev.teto.data.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliConfigTest {
    @TempDir
    Path dir;

    @Test
    void environmentVariablesMapToSettingNames() {
        assertEquals("postgres.url", CliConfig.settingName("TETO_DATA_POSTGRES_URL"));
        assertEquals("postgres.migration-password", CliConfig.settingName("TETO_DATA_POSTGRES_MIGRATION_PASSWORD"));
        assertEquals("postgres.pool.max", CliConfig.settingName("TETO_DATA_POSTGRES_POOL__MAX"));
        assertEquals("redis.cluster-nodes", CliConfig.settingName("TETO_DATA_REDIS_CLUSTER_NODES"));
        assertEquals("privacy.master-keys", CliConfig.settingName("TETO_DATA_PRIVACY_MASTER_KEYS"));
        assertEquals("scorer.class", CliConfig.settingName("TETO_DATA_SCORER_CLASS"));
        assertEquals("kafka.sasl.jaas-config", CliConfig.settingName("TETO_DATA_KAFKA_SASL__JAAS_CONFIG"));
    }

    @Test
    void anUnknownSectionOrAMissingKeyIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CliConfig.fromEnvironment(Map.of("TETO_DATA_POSTGRESS_URL", "x")));
        assertTrue(e.getMessage().contains("TETO_DATA_POSTGRESS_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("=x"), "the value is never in the message");
        assertThrows(IllegalArgumentException.class, () -> CliConfig.fromEnvironment(Map.of("TETO_DATA_POSTGRES", "x")));
        assertThrows(IllegalArgumentException.class, () -> CliConfig.fromEnvironment(Map.of("TETO_DATA_POSTGRES_", "x")));
    }

    @Test
    void theTestFixturesVariablesAndOthersAreIgnored() {
        Map<String, String> env = Map.of("TETO_PG_URL", "jdbc:postgresql://test", "TETO_REDIS_URL", "redis://x",
                "PATH", "/bin", "TETO_DATA_MONGO_URI", "mongodb://m");
        assertEquals(Map.of("mongo.uri", "mongodb://m"), CliConfig.fromEnvironment(env));
    }

    @Test
    void theEnvironmentWinsOverTheFileWhichTetoConfigCanName() throws IOException {
        Path file = dir.resolve("teto.properties");
        Files.writeString(file, "postgres.url=jdbc:postgresql://file/db\npostgres.password=pass word \n"
                + "redis.uri=redis://file\n");
        Map<String, String> env = Map.of("TETO_CONFIG", file.toString(), "TETO_DATA_REDIS_URI", "redis://env");
        Map<String, String> settings = CliConfig.load(null, env);
        assertEquals("jdbc:postgresql://file/db", settings.get("postgres.url"));
        assertEquals("pass word ", settings.get("postgres.password"), "a password keeps its spaces");
        assertEquals("redis://env", settings.get("redis.uri"));
    }

    @Test
    void configOptionWinsOverTetoConfig() throws IOException {
        Path chosen = dir.resolve("chosen.properties");
        Files.writeString(chosen, "mongo.database=chosen\n");
        Map<String, String> settings = CliConfig.load(chosen, Map.of("TETO_CONFIG", dir.resolve("none").toString()));
        assertEquals(Map.of("mongo.database", "chosen"), settings);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.properties");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliConfig.load(missing, Map.of()));
        assertTrue(e.getMessage().contains("missing.properties"), e.getMessage());
    }

    @Test
    void nothingConfiguredIsEmpty() {
        assertEquals(Map.of(), CliConfig.load(null, Map.of()));
    }
}

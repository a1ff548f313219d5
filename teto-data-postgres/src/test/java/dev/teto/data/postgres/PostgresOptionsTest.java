package dev.teto.data.api;

import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.error.ValidationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionsTest {
    private static final String URL = "jdbc:postgresql://localhost:5432/teto";

    @Test
    void builderIsImmutable() {
        PostgresOptions.Builder base = PostgresOptions.builder().jdbcUrl(URL);
        PostgresOptions.Builder other = base.schema("tenant_a");
        assertNotSame(base, other);
        assertEquals("public", base.build().schema());
        assertEquals("tenant_a", other.build().schema());
    }

    @Test
    void passwordNeverPrinted() {
        PostgresOptions options = PostgresOptions.builder().jdbcUrl(URL).password("hunter2").build();
        assertFalse(options.toString().contains("hunter2"));
    }

    @Test
    void badOptionsAreNamed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> PostgresOptions.builder().jdbcUrl(URL).schema("Bad-Name").build());
        assertEquals("schema", e.field());
        assertThrows(ValidationException.class, () -> PostgresOptions.builder().jdbcUrl("jdbc:mysql://x").build());
        assertThrows(ValidationException.class, () -> PostgresOptions.builder().build());
    }

    @Test
    void unconfiguredStoreIsATypedError() {
        try (TetoData data = TetoData.builder().build()) {
            assertThrows(StoreNotConfiguredException.class, data::users);
        }
    }
}

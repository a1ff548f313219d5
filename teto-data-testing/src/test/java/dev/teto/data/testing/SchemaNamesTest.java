package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchemaNamesTest {

    @Test
    void lowerCasesAndKeepsLettersDigitsAndUnderscores() {
        assertEquals("postgresserversit", SchemaNames.sanitize("PostgresServersIT"));
        assertEquals("user_repo_2", SchemaNames.sanitize("user_repo_2"));
    }

    @Test
    void replacesOtherCharactersAndCollapsesRuns() {
        assertEquals("foo_bar_baz_qux", SchemaNames.sanitize("Foo Bar-Baz.qux"));
        assertEquals("a_b", SchemaNames.sanitize("a -- __ .. b"));
        assertEquals("outer_inner", SchemaNames.sanitize("Outer$Inner"));
        assertEquals("caf", SchemaNames.sanitize("Café"));
        assertEquals("drop_table_x", SchemaNames.sanitize("\"; DROP TABLE x; --"));
    }

    @Test
    void trimsUnderscoresAtBothEnds() {
        assertEquals("abc", SchemaNames.sanitize("__abc__"));
        assertEquals("abc", SchemaNames.sanitize("  abc!  "));
    }

    @Test
    void fallsBackWhenNothingIsLeft() {
        assertEquals("db", SchemaNames.sanitize(null));
        assertEquals("db", SchemaNames.sanitize(""));
        assertEquals("db", SchemaNames.sanitize("___"));
        assertEquals("db", SchemaNames.sanitize("テスト"));
    }

    @Test
    void cutsToThirtyCharactersWithoutATrailingUnderscore() {
        String cut = SchemaNames.sanitize("A".repeat(100));
        assertEquals(30, cut.length());
        assertEquals("a".repeat(30), cut);
        // character 30 would be an underscore: it is trimmed after the cut
        assertEquals("a".repeat(29), SchemaNames.sanitize("a".repeat(29) + "_bcd"));
    }

    @Test
    void schemaNameIsAPlainIdentifierWithARandomSuffix() {
        String name = SchemaNames.newSchemaName("My Fancy Test Class With A Very Long Name Indeed");
        assertTrue(name.matches("t_[a-z0-9_]{1,30}_[0-9a-f]{8}"), name);
        assertTrue(name.startsWith("t_my_fancy_test_class_with_a_ver_"), name);
        assertTrue(name.length() <= 63, "within PostgreSQL's identifier limit: " + name);
        assertTrue(name.matches("^[a-z_][a-z0-9_]{0,62}$"), "accepted by PostgresOptions: " + name);
        assertNotEquals(name, SchemaNames.newSchemaName("My Fancy Test Class With A Very Long Name Indeed"));
        assertTrue(SchemaNames.newSchemaName(null).matches("t_db_[0-9a-f]{8}"));
    }
}

package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.validation.Check;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Check#jsonObject} walks the whole value and names the path of the entry PostgreSQL would refuse. */
class JsonObjectCheckTest {
    private static final String NUL = "x\u0000";

    @Test
    void nulInANestedMapIsNamedByItsPath() {
        Map<String, Object> prefs = Map.of("ui", Map.of("theme", Map.of("name", NUL)));
        assertEquals("preferences.ui.theme.name", fieldOf(() -> Check.jsonObject("preferences", prefs)));
    }

    @Test
    void nulInAListIsNamedByItsIndex() {
        Map<String, Object> metadata = Map.of("tags", List.of("a", "b", NUL));
        assertEquals("metadata.tags[2]", fieldOf(() -> Check.jsonObject("metadata", metadata)));
    }

    @Test
    void listsOfMapsAndMapsOfListsAreWalked() {
        Map<String, Object> metadata = Map.of("items", List.of(Map.of("ok", "1"), Map.of("labels", List.of(NUL))));
        assertEquals("metadata.items[1].labels[0]", fieldOf(() -> Check.jsonObject("metadata", metadata)));
    }

    @Test
    void arraysAndOtherCollectionsAreWalked() {
        assertEquals("m.arr[1]", fieldOf(() -> Check.jsonObject("m", Map.of("arr", new Object[] {"a", NUL}))));
        assertEquals("m.strings[0]", fieldOf(() -> Check.jsonObject("m", Map.of("strings", new String[] {NUL}))));
        assertEquals("m.set[0]", fieldOf(() -> Check.jsonObject("m", Map.of("set", Set.of(NUL)))));
        assertEquals("m.chars", fieldOf(() -> Check.jsonObject("m", Map.of("chars", NUL.toCharArray()))));
        assertEquals("m.char", fieldOf(() -> Check.jsonObject("m", Map.of("char", '\u0000'))));
        assertEquals("m.builder", fieldOf(() -> Check.jsonObject("m", Map.of("builder", new StringBuilder(NUL)))));
    }

    @Test
    void nulInAKeyIsRefusedAndTheKeyShownEscaped() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> Check.jsonObject("metadata", Map.of("outer", Map.of("a\u0000b", 1))));
        assertEquals("metadata.outer.a\\u0000b", e.field());
        assertFalse(e.getMessage().contains("\u0000"), e.getMessage());
    }

    @Test
    void aNullKeyIsRefusedAtAnyDepthWithoutPrintingTheMap() {
        Map<String, Object> inner = new HashMap<>();
        inner.put(null, "mina@example.com");
        ValidationException e = assertThrows(ValidationException.class,
                () -> Check.jsonObject("metadata", Map.of("inner", inner)));
        assertEquals("metadata.inner", e.field());
        assertFalse(e.getMessage().contains("mina"), e.getMessage());
    }

    @Test
    void aRecordNamesTheFullPath() {
        ValidationException e = assertThrows(ValidationException.class, () -> NewUser.of("a@b.co", "A")
                .withPreferences(Map.of("theme", NUL)).validate());
        assertEquals("preferences.theme", e.field());
    }

    @Test
    void aMapThatContainsItselfIsAValidationErrorNotAStackOverflow() {
        Map<String, Object> loop = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        list.add(loop);
        loop.put("self", list);
        ValidationException e = assertThrows(ValidationException.class, () -> Check.jsonObject("metadata", loop));
        assertFalse(e.field().isEmpty());
    }

    @Test
    void ordinaryJsonPasses() {
        Map<String, Object> value = new HashMap<>(Map.of("n", 1, "b", true, "d", 2.5, "s", "안녕 🙂",
                "list", List.of(1, "two", Map.of("three", List.of())), "ints", new int[] {1, 2}));
        value.put("nothing", null);
        assertSame(value, Check.jsonObject("metadata", value));
        assertDoesNotThrow(() -> Check.jsonObject("metadata", null));
        assertDoesNotThrow(() -> Check.jsonObject("metadata", Map.of()));
    }

    private static String fieldOf(org.junit.jupiter.api.function.Executable rule) {
        return assertThrows(ValidationException.class, rule).field();
    }
}

package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.validation.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lengths count code points, as PostgreSQL's VARCHAR(n) does; blank includes invisible Unicode spaces. */
class TextLengthAndBlankTest {
    private static final String EMOJI = "😀"; // U+1F600: one code point, two UTF-16 units

    @Test
    void emojiCountOnceTowardsTheLimit() {
        assertDoesNotThrow(() -> Check.maxLength("name", EMOJI.repeat(200), 255));
        assertDoesNotThrow(() -> Check.maxLength("name", EMOJI.repeat(255), 255));
        ValidationException e = assertThrows(ValidationException.class,
                () -> Check.maxLength("name", EMOJI.repeat(256), 255));
        assertEquals("name", e.field());
    }

    @Test
    void theLimitIsInclusiveForPlainText() {
        assertDoesNotThrow(() -> Check.maxLength("industry", "x".repeat(100), 100));
        assertEquals("industry", assertThrows(ValidationException.class,
                () -> Check.maxLength("industry", "x".repeat(101), 100)).field());
    }

    @Test
    void twoHundredFiftySixMixedCodePointsFail() {
        String mixed = EMOJI.repeat(128) + "가".repeat(128); // 256 code points, 384 UTF-16 units
        assertEquals("name", assertThrows(ValidationException.class,
                () -> Check.requiredText("name", mixed, 255)).field());
    }

    @Test
    void everyLengthRuleCountsCodePoints() {
        String ok = EMOJI.repeat(255);
        assertDoesNotThrow(() -> Check.requiredText("name", ok, 255));
        assertDoesNotThrow(() -> Check.secretMaxLength("tokenHash", ok, 255));
        assertDoesNotThrow(() -> NewUser.of("mina@example.com", ok).validate());
        assertDoesNotThrow(() -> NewOrganization.of(ok, null).validate());
        ValidationException e = assertThrows(ValidationException.class,
                () -> Check.secretMaxLength("tokenHash", ok + EMOJI, 255));
        assertEquals("tokenHash", e.field());
        assertEquals("name", assertThrows(ValidationException.class,
                () -> NewUser.of("mina@example.com", ok + EMOJI).validate()).field());
    }

    @Test
    void aSessionTokenOf256EmojiFailsButIsNotPrinted() {
        String hash = EMOJI.repeat(256);
        ValidationException e = assertThrows(ValidationException.class,
                () -> new NewUserSession(UUID.randomUUID(), hash, null, null, null, Instant.now()).validate());
        assertEquals("tokenHash", e.field());
        assertFalse(e.getMessage().contains(EMOJI), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u00A0\u00A0", "\u2007", "\u202F", "\u3000", "\u200B", "\uFEFF",
        "\u00A0\u200B\u3000\uFEFF \u2007\u202F", "\u2060", "\u00AD"})
    void invisibleNamesAreBlank(String name) {
        assertTrue(Check.isBlank(name));
        ValidationException e = assertThrows(ValidationException.class, () -> Check.requiredText("name", name, 255));
        assertEquals("name", e.field());
        assertEquals("name", assertThrows(ValidationException.class,
                () -> NewUser.of("mina@example.com", name).validate()).field());
        assertEquals("name", assertThrows(ValidationException.class,
                () -> UserUpdate.none().withName(name).validate()).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "\u00A0A\u00A0", "\u200BMina", "김민아", EMOJI, "."})
    void visibleNamesAreNotBlank(String name) {
        assertFalse(Check.isBlank(name));
        assertDoesNotThrow(() -> Check.requiredText("name", name, 255));
    }

    @Test
    void aMissingNameIsRequiredNotBlank() {
        ValidationException e = assertThrows(ValidationException.class, () -> Check.requiredText("name", null, 255));
        assertEquals("name", e.field());
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }
}

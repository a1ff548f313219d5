package dev.teto.data.api;

import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.NonTransientDataException;
import dev.teto.data.api.error.Redaction;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.ValidationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsTest {

    @Test
    void emailsAndNamesNeverAppearInMessages() {
        ValidationException e = new ValidationException("email", "mina.park@example.com", "is taken");
        assertFalse(e.getMessage().contains("mina.park"), e.getMessage());
        assertTrue(e.getMessage().contains("m***@example.com"), e.getMessage());
        DuplicateException d = new DuplicateException("postgres", "billingEmail", "boss@corp.example");
        assertFalse(d.getMessage().contains("boss@"), d.getMessage());
        ValidationException n = new ValidationException("answers[3].textResponse", "I feel very anxious", "too long");
        assertFalse(n.getMessage().contains("anxious"), n.getMessage());
        ValidationException name = new ValidationException("name", "Mina Park", "too long");
        assertEquals("'M***(9)'", name.value());
    }

    @Test
    void secretsAreHiddenEntirely() {
        assertEquals("<redacted>", Redaction.render("passwordHash", "$2a$10$abc"));
        assertEquals("<redacted>", Redaction.render("tokenHash", "abc"));
    }

    @Test
    void otherValuesAreShownShortened() {
        assertEquals("'in_progressx'", Redaction.render("status", "in_progressx"));
        assertTrue(Redaction.render("version", "x".repeat(100)).endsWith("…'"));
    }

    @Test
    void everyExceptionIsEitherTransientOrNot() {
        TetoDataException t = new TransientDataException("postgres", TransientDataException.Reason.DEADLOCK, "deadlock", null);
        assertTrue(t.isTransient());
        assertEquals("postgres", t.store().orElseThrow());
        TetoDataException v = new ValidationException("x", 1, "bad");
        assertFalse(v.isTransient());
        assertTrue(v instanceof NonTransientDataException);
        assertTrue(v.store().isEmpty());
    }
}

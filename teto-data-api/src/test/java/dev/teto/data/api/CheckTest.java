package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.validation.Check;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {

    @Test
    void emailFollowsTheSeedRegex() {
        assertDoesNotThrow(() -> Check.email("email", "Mina.Kim+test@Example.co.kr"));
        ValidationException e = assertThrows(ValidationException.class, () -> Check.email("email", "mina@example"));
        assertEquals("email", e.field());
        // The field is named "email", so the exception masks the address; Check itself does not.
        assertFalse(e.getMessage().contains("mina@example"), e.getMessage());
        assertThrows(ValidationException.class, () -> Check.email("email", "no-at-sign.com"));
    }

    @Test
    void newUserRejectsUnknownRoleAndNamesIt() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> NewUser.of("a@b.co", "A").withRole("god").validate());
        assertEquals("role", e.field());
        assertTrue(e.getMessage().contains("super_admin"), e.getMessage());
    }

    @Test
    void userToStringHidesEmail() {
        assertFalse(NewUser.of("secret@b.co", "A").toString().contains("secret"));
    }

    @Test
    void secretsNeverAppearInMessages() {
        String hash = "x".repeat(300);
        ValidationException e = assertThrows(ValidationException.class,
                () -> new NewUserSession(UUID.randomUUID(), hash, null, null, null, Instant.now()).validate());
        assertEquals("tokenHash", e.field());
        assertFalse(e.getMessage().contains("xxxx"), e.getMessage());
    }

    @Test
    void decimalMustFitColumn() {
        assertDoesNotThrow(() -> Check.decimal("rate", new BigDecimal("100.00"), 5, 2));
        assertThrows(ValidationException.class, () -> Check.decimal("rate", new BigDecimal("1.234"), 5, 2));
        assertThrows(ValidationException.class, () -> Check.decimal("rate", new BigDecimal("1000"), 5, 2));
        assertThrows(ValidationException.class, () -> new NewAssessmentAnalytics(UUID.randomUUID(),
                new BigDecimal("100.01"), null, null, null).validate());
    }

    @Test
    void ipAddressLiteralsOnly() {
        assertDoesNotThrow(() -> Check.ipAddress("ip", "203.0.113.9"));
        assertDoesNotThrow(() -> Check.ipAddress("ip", "2001:db8::1"));
        assertThrows(ValidationException.class, () -> Check.ipAddress("ip", "256.1.1.1"));
        assertThrows(ValidationException.class, () -> Check.ipAddress("ip", "example.com"));
    }

    @Test
    void subscriptionEndMayNotPrecedeStart() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ValidationException e = assertThrows(ValidationException.class,
                () -> NewSubscription.of(UUID.randomUUID(), "premium", start, start.minusSeconds(1)).validate());
        assertEquals("endDate", e.field());
    }

    @Test
    void negativeResponseTimeIsRejected() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> new AnswerInput(UUID.randomUUID(), 3, null, null, -1).validate());
        assertEquals("responseTimeMs", e.field());
    }
}

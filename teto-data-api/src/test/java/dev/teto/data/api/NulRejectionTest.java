package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.AssessmentAnalyticsUpdate;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.OrganizationUpdate;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.model.UserPreferencesUpdate;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** U+0000 must be refused, naming the field, before PostgreSQL refuses it with SQLSTATE 22021 and no field. */
class NulRejectionTest {
    private static final String NUL = "a\u0000b";
    private static final UUID ID = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static Stream<Arguments> inputRecords() {
        return Stream.of(
                // users
                rejects("email", () -> NewUser.of("mi\u0000na@example.com", "Mina").validate()),
                rejects("name", () -> NewUser.of("mina@example.com", "Mi\u0000na").validate()),
                rejects("passwordHash", () -> NewUser.of("mina@example.com", "Mina").withPasswordHash(NUL).validate()),
                rejects("avatarUrl", () -> new NewUser("mina@example.com", "Mina", null, "https://x/\u0000.png",
                        null, null, null, null).validate()),
                rejects("role", () -> NewUser.of("mina@example.com", "Mina").withRole("admin\u0000").validate()),
                rejects("status", () -> NewUser.of("mina@example.com", "Mina").withStatus("\u0000").validate()),
                rejects("preferences.theme",
                        () -> NewUser.of("mina@example.com", "Mina").withPreferences(Map.of("theme", NUL)).validate()),
                rejects("name", () -> UserUpdate.none().withName(NUL).validate()),
                rejects("avatarUrl", () -> UserUpdate.none().withAvatarUrl(NUL).validate()),
                rejects("passwordHash", () -> UserUpdate.none().withPasswordHash(NUL).validate()),
                rejects("status", () -> UserUpdate.none().withStatus(NUL).validate()),
                // sessions and activities
                rejects("tokenHash", () -> new NewUserSession(ID, NUL, null, null, null, NOW).validate()),
                rejects("refreshTokenHash", () -> new NewUserSession(ID, "t", NUL, null, null, NOW).validate()),
                rejects("ipAddress", () -> new NewUserSession(ID, "t", null, "10.0.0.1\u0000", null, NOW).validate()),
                rejects("userAgent", () -> new NewUserSession(ID, "t", null, null, NUL, NOW).validate()),
                rejects("refreshTokenHash", () -> new UserSessionUpdate(NUL, null).validate()),
                rejects("activityType", () -> NewUserActivity.of(ID, NUL, null).validate()),
                rejects("activityData.page", () -> NewUserActivity.of(ID, "login", Map.of("page", NUL)).validate()),
                rejects("userAgent", () -> new NewUserActivity(ID, "login", null, null, NUL, null, null).validate()),
                // preferences
                rejects("privacy.level", () -> new NewUserPreferences(ID, null, Map.of("level", NUL), null, null, null)
                        .validate()),
                rejects("notifications.email", () -> new UserPreferencesUpdate(null, null, Map.of("email", NUL), null,
                        null).validate()),
                // assessments and answers
                rejects("version", () -> new NewAssessment(ID, "v\u00001", 10, null, null).validate()),
                rejects("status", () -> new NewAssessment(ID, "v1", 10, NUL, null).validate()),
                rejects("metadata.source", () -> new AssessmentUpdate(null, Map.of("source", NUL)).validate()),
                rejects("textResponse", () -> new AnswerInput(ID, null, null, NUL, null).validate()),
                rejects("userFeedback.comment", () -> new NewAssessmentAnalytics(ID, null, null, null,
                        Map.of("comment", NUL)).validate()),
                rejects("questionDifficulty.q1", () -> new AssessmentAnalyticsUpdate(null, null,
                        Map.of("q1", NUL), null).validate()),
                // questions
                rejects("text", () -> NewQuestion.likert("v1", 1, "energy", "social", NUL).validate()),
                rejects("category", () -> NewQuestion.likert("v1", 1, NUL, "social", "Q?").validate()),
                rejects("subcategory", () -> NewQuestion.likert("v1", 1, "energy", NUL, "Q?").validate()),
                rejects("options.labels[1]", () -> new NewQuestion("Q?", null, null, 1, "multiple_choice",
                        Map.of("labels", List.of("yes", NUL)), "v1", true).validate()),
                rejects("text", () -> new QuestionUpdate(NUL, null, null, null, null, null, null).validate()),
                rejects("questionType", () -> new QuestionUpdate(null, null, null, null, NUL, null, null).validate()),
                // profiles
                rejects("personalityType", () -> ProfileDraft.of(NUL, "Teto", Map.of()).validate()),
                rejects("typeName", () -> new NewProfile(ID, ID, ProfileDraft.of("TETO", NUL, Map.of())).validate()),
                rejects("dimensions.energy", () -> ProfileDraft.of("TETO", "Teto", Map.of("energy", NUL)).validate()),
                rejects("strengths[1]", () -> ProfileDraft.of("TETO", "Teto", Map.of())
                        .withStrengths(List.of("bold", NUL)).validate()),
                rejects("growthAreas[0]", () -> new ProfileUpdate(null, null, List.of(NUL), null, null, null, null)
                        .validate()),
                rejects("developmentPlan.step", () -> new ProfileUpdate(null, null, null, null, null,
                        Map.of("step", NUL), null).validate()),
                // subscriptions
                rejects("planType", () -> NewSubscription.of(ID, NUL, NOW, null).validate()),
                rejects("paymentMethod.ref", () -> new NewSubscription(ID, "premium", null, NOW, null, null,
                        Map.of("ref", NUL), null).validate()),
                rejects("planType", () -> new SubscriptionUpdate(NUL, null, null, null, null, null).validate()),
                rejects("metadata.note", () -> new SubscriptionUpdate(null, null, null, null, null,
                        Map.of("note", NUL)).validate()),
                // organizations
                rejects("name", () -> NewOrganization.of(NUL, null).validate()),
                rejects("domain", () -> NewOrganization.of("Teto Inc", "teto\u0000.dev").validate()),
                rejects("industry", () -> new NewOrganization("Teto", null, null, NUL, null, null, null).validate()),
                rejects("billingEmail", () -> new NewOrganization("Teto", null, null, null, "a\u0000@b.co", null, null)
                        .validate()),
                rejects("sizeRange", () -> new OrganizationUpdate(null, null, NUL, null, null, null, null).validate()),
                rejects("metadata.plan", () -> new OrganizationUpdate(null, null, null, null, null, null,
                        Map.of("plan", NUL)).validate()),
                rejects("role", () -> NewOrganizationMember.of(ID, ID, NUL).validate()),
                rejects("status", () -> new OrganizationMemberUpdate(null, NUL, null).validate()),
                // metrics
                rejects("metricName", () -> NewSystemMetric.of(NUL, BigDecimal.ONE, null).validate()),
                rejects("dimension.host", () -> NewSystemMetric.of("cpu", BigDecimal.ONE, Map.of("host", NUL))
                        .validate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputRecords")
    void everyTextFieldOfEveryInputRecordRefusesNul(String field, Executable validate) {
        ValidationException e = assertThrows(ValidationException.class, validate);
        assertEquals(field, e.field());
        assertFalse(e.getMessage().contains("\u0000"), "the message must be loggable: " + e.getMessage());
    }

    @Test
    void theSameRecordsPassWithoutNul() {
        assertDoesNotThrow(() -> new NewUser("mina@example.com", "Mina", "h", "https://x/a.png", "admin", "active",
                true, Map.of("theme", "dark")).validate());
        assertDoesNotThrow(() -> new NewUserSession(ID, "t", "r", "10.0.0.1", "Mozilla/5.0", NOW).validate());
        assertDoesNotThrow(() -> new NewUserActivity(ID, "login", Map.of("page", "/"), "::1", "curl/8", null, NOW)
                .validate());
        assertDoesNotThrow(() -> ProfileDraft.of("TETO", "Teto", Map.of()).withStrengths(List.of("bold")).validate());
    }

    @Test
    void everyTextRuleRefusesNul() {
        assertNul("f", () -> Check.requiredText("f", NUL, 10));
        assertNul("f", () -> Check.maxLength("f", NUL, 10));
        assertNul("f", () -> Check.text("f", NUL));
        assertNul("f", () -> Check.email("f", "a@b.co\u0000"));
        assertNul("f", () -> Check.ipAddress("f", "::1\u0000"));
        assertNul("f", () -> Check.oneOf("f", NUL, Vocabulary.USER_ROLES));
        assertNul("f", () -> Check.secretMaxLength("f", NUL, 10));
        assertNul("f[0]", () -> Check.textList("f", List.of(NUL)));
        assertNul("f.k", () -> Check.jsonObject("f", Map.of("k", NUL)));
    }

    @Test
    void aCodeFieldHoldingNoCodeIsMaskedSoTheMessageStaysLoggable() {
        ValidationException e = assertThrows(ValidationException.class, () -> Check.maxLength("domain", NUL, 10));
        assertEquals("'a***(8)'", e.value());
        ValidationException forged = assertThrows(ValidationException.class,
                () -> Check.maxLength("version", "v1\r\n2026-11-25 ERROR FAKE", 5));
        assertFalse(forged.getMessage().contains("\n"), forged.getMessage());
        assertFalse(forged.getMessage().contains("FAKE"), forged.getMessage());
    }

    @Test
    void aSecretStaysHiddenWhenItHoldsNul() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> Check.secretMaxLength("tokenHash", "secret\u0000", 255));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void aNullElementOfATextListIsNamed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> ProfileDraft.of("TETO", "Teto", Map.of()).withStrengths(java.util.Arrays.asList("a", null))
                        .validate());
        assertEquals("strengths[1]", e.field());
    }

    private static void assertNul(String field, Executable rule) {
        ValidationException e = assertThrows(ValidationException.class, rule);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
    }

    private static Arguments rejects(String field, Executable validate) {
        return Arguments.of(field, validate);
    }
}

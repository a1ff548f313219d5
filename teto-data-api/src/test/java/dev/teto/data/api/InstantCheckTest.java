package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.validation.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Instants must fit PostgreSQL's timestamptz, or they fail with a raw DateTimeException or come back as -infinity. */
class InstantCheckTest {
    private static final UUID ID = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"-5000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z", "-4713-12-31T23:59:59Z",
        "+294277-01-01T00:00:00Z"})
    void instantsOutsideTheRangeAreRefused(String text) {
        assertOutOfRange("at", Instant.parse(text));
    }

    @Test
    void theExtremesOfInstantAreRefusedWithoutADateTimeException() {
        assertOutOfRange("at", Instant.MAX);
        assertOutOfRange("at", Instant.MIN);
    }

    @Test
    void theBoundsAreIncludedAndOneNanosecondBeyondIsNot() {
        assertEquals(Instant.parse("-4712-01-01T00:00:00Z"), Check.MIN_INSTANT);
        assertEquals(Instant.parse("+294276-12-31T23:59:59Z"), Check.MAX_INSTANT);
        assertSame(Check.MIN_INSTANT, Check.instant("at", Check.MIN_INSTANT));
        assertSame(Check.MAX_INSTANT, Check.instant("at", Check.MAX_INSTANT));
        assertOutOfRange("at", Check.MIN_INSTANT.minusNanos(1));
        assertOutOfRange("at", Check.MAX_INSTANT.plusNanos(1));
    }

    @Test
    void ordinaryInstantsAndNullPass() {
        assertNull(Check.instant("at", null));
        assertDoesNotThrow(() -> Check.instant("at", Instant.EPOCH));
        assertDoesNotThrow(() -> Check.instant("at", Instant.parse("0001-01-01T00:00:00Z")));
        assertDoesNotThrow(() -> Check.instant("at", Instant.parse("9999-12-31T23:59:59.999999999Z")));
    }

    /** Every Instant component of every input record, with a way to build the record around a given instant. */
    static Stream<Arguments> instantFields() {
        return Stream.of(
                field("startDate", at -> () -> NewSubscription.of(ID, "premium", at, null).validate()),
                field("endDate", at -> () -> NewSubscription.of(ID, "premium", Check.MIN_INSTANT, at).validate()),
                field("endDate", at -> () -> new SubscriptionUpdate(null, null, at, null, null, null).validate()),
                field("recordedAt", at -> () -> new NewSystemMetric("cpu", BigDecimal.ONE, null, at).validate()),
                field("createdAt", at -> () -> new NewUserActivity(ID, "login", null, null, null, null, at).validate()),
                field("expiresAt", at -> () -> new NewUserSession(ID, "t", null, null, null, at).validate()),
                field("expiresAt", at -> () -> new UserSessionUpdate(null, at).validate()),
                field("acceptedAt", at -> () -> new OrganizationMemberUpdate(null, null, at).validate()),
                field("lastLogin", at -> () -> UserUpdate.none().withLastLogin(at).validate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instantFields")
    void everyInstantFieldOfEveryInputRecordIsChecked(String field, Function<Instant, Executable> record) {
        for (Instant outside : new Instant[] {Instant.MAX, Instant.MIN, Instant.parse("+300000-01-01T00:00:00Z"),
            Instant.parse("-5000-01-01T00:00:00Z")}) {
            assertEquals(field, assertThrows(ValidationException.class, record.apply(outside)).field(), "" + outside);
        }
        assertDoesNotThrow(record.apply(NOW));
        assertDoesNotThrow(record.apply(Check.MAX_INSTANT));
    }

    @Test
    void aSubscriptionStartingBeforeTheRangeIsNamedByItsStart() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> NewSubscription.of(ID, "premium", Instant.MIN, NOW).validate());
        assertEquals("startDate", e.field());
    }

    private static void assertOutOfRange(String field, Instant value) {
        ValidationException e = assertThrows(ValidationException.class, () -> Check.instant(field, value));
        assertEquals(field, e.field());
    }

    private static Arguments field(String name, Function<Instant, Executable> record) {
        return Arguments.of(name, record);
    }
}

package dev.teto.data.api;

import dev.teto.data.api.model.AssessmentStatus;
import dev.teto.data.api.model.MemberRole;
import dev.teto.data.api.model.MemberStatus;
import dev.teto.data.api.model.OrganizationStatus;
import dev.teto.data.api.model.QuestionType;
import dev.teto.data.api.model.SubscriptionStatus;
import dev.teto.data.api.model.UserRole;
import dev.teto.data.api.model.UserStatus;
import dev.teto.data.api.validation.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The enums are the one source of the status and role values; Vocabulary and the migrations must agree. */
class VocabularyTest {

    /** enum, its fromWire, its wireNames, the Vocabulary set, and the column whose CHECK lists the values. */
    static Stream<Arguments> vocabularies() {
        return Stream.of(
                vocabulary(UserRole.class, UserRole::fromWire, UserRole::wireNames, Vocabulary.USER_ROLES,
                        "users.role"),
                vocabulary(UserStatus.class, UserStatus::fromWire, UserStatus::wireNames, Vocabulary.USER_STATUSES,
                        "users.status"),
                vocabulary(AssessmentStatus.class, AssessmentStatus::fromWire, AssessmentStatus::wireNames,
                        Vocabulary.ASSESSMENT_STATUSES, "assessments.status"),
                vocabulary(QuestionType.class, QuestionType::fromWire, QuestionType::wireNames,
                        Vocabulary.QUESTION_TYPES, "questions.question_type"),
                vocabulary(SubscriptionStatus.class, SubscriptionStatus::fromWire, SubscriptionStatus::wireNames,
                        Vocabulary.SUBSCRIPTION_STATUSES, "subscriptions.status"),
                vocabulary(OrganizationStatus.class, OrganizationStatus::fromWire, OrganizationStatus::wireNames,
                        Vocabulary.ORGANIZATION_STATUSES, "organizations.status"),
                vocabulary(MemberRole.class, MemberRole::fromWire, MemberRole::wireNames, Vocabulary.MEMBER_ROLES,
                        "organization_members.role"),
                vocabulary(MemberStatus.class, MemberStatus::fromWire, MemberStatus::wireNames,
                        Vocabulary.MEMBER_STATUSES, "organization_members.status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    <E extends Enum<E>> void everyConstantRoundTripsThroughItsWireName(Class<E> type, Function<String, E> fromWire,
            Supplier<Set<String>> wireNames, Set<String> vocabulary, String column) {
        for (E constant : type.getEnumConstants()) {
            String wire = wireName(constant);
            assertSame(constant, fromWire.apply(wire));
            assertTrue(wire.matches("[a-z]+(_[a-z]+)*"), wire + " is not lowercase snake_case");
        }
        assertEquals(type.getEnumConstants().length, wireNames.get().size(), "two constants share a wire name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    <E extends Enum<E>> void unknownWireNamesAreRefused(Class<E> type, Function<String, E> fromWire,
            Supplier<Set<String>> wireNames, Set<String> vocabulary, String column) {
        assertThrows(IllegalArgumentException.class, () -> fromWire.apply("no_such_value"));
        assertThrows(IllegalArgumentException.class, () -> fromWire.apply(null));
        assertThrows(IllegalArgumentException.class, () -> fromWire.apply(""));
        String first = wireNames.get().iterator().next();
        // The CHECK constraints compare case-sensitively, so must fromWire.
        assertThrows(IllegalArgumentException.class, () -> fromWire.apply(first.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> fromWire.apply(first + " "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vocabularies")
    <E extends Enum<E>> void wireNamesAreUnmodifiableAndVocabularyEqualsThem(Class<E> type,
            Function<String, E> fromWire, Supplier<Set<String>> wireNames, Set<String> vocabulary, String column) {
        Set<String> expected = Arrays.stream(type.getEnumConstants()).map(VocabularyTest::wireName)
                .collect(Collectors.toSet());
        assertEquals(expected, wireNames.get());
        assertEquals(expected, vocabulary);
        assertThrows(UnsupportedOperationException.class, () -> wireNames.get().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> wireNames.get().clear());
        assertThrows(UnsupportedOperationException.class, () -> vocabulary.remove(expected.iterator().next()));
        assertFalse(vocabulary.contains(null));
    }

    @Test
    void wireNamesAreTheStoredStrings() {
        assertEquals("in_progress", AssessmentStatus.IN_PROGRESS.wireName());
        assertEquals("pending_verification", UserStatus.PENDING_VERIFICATION.wireName());
        assertEquals("super_admin", UserRole.SUPER_ADMIN.wireName());
        assertEquals("likert_scale", QuestionType.LIKERT_SCALE.wireName());
        assertEquals("past_due", SubscriptionStatus.PAST_DUE.wireName());
        assertEquals("archived", OrganizationStatus.ARCHIVED.wireName());
        assertEquals("viewer", MemberRole.VIEWER.wireName());
        assertEquals("invited", MemberStatus.INVITED.wireName());
        assertEquals(List.of("user", "premium", "admin", "super_admin"), List.copyOf(UserRole.wireNames()));
    }

    /**
     * The migrations are SQL, so they cannot read the enums; this keeps them in step. The last migration that
     * sets a column's {@code CHECK (column IN (...))} wins, as it would in the database.
     */
    @ParameterizedTest(name = "{4}")
    @MethodSource("vocabularies")
    <E extends Enum<E>> void theMigrationsCheckTheSameValues(Class<E> type, Function<String, E> fromWire,
            Supplier<Set<String>> wireNames, Set<String> vocabulary, String column) throws IOException {
        Map<String, Set<String>> checks = migrationChecks();
        assertEquals(wireNames.get(), checks.get(column), "CHECK of " + column + " in " + MIGRATIONS);
    }

    private static final Path MIGRATIONS = Path.of("..", "teto-data-postgres", "src", "main", "resources", "db", "teto",
            "postgres");
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.sql$");
    private static final Pattern CHECK_IN = Pattern.compile(
            "ALTER\\s+TABLE\\s+(?:ONLY\\s+)?(\\w+)\\s+ADD\\s+CONSTRAINT\\s+\\w+"
            + "\\s+CHECK\\s*\\(\\s*(\\w+)\\s+IN\\s*\\(([^)]*)\\)\\s*\\)", Pattern.CASE_INSENSITIVE);

    private static Map<String, Set<String>> migrationChecks() throws IOException {
        // The api module can be built on its own, from a source tree without the postgres module.
        assumeTrue(Files.isDirectory(MIGRATIONS), "no migrations at " + MIGRATIONS.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> list = Files.list(MIGRATIONS)) {
            files = list.filter(p -> VERSION.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .toList();
        }
        Map<String, Set<String>> checks = new HashMap<>();
        for (Path file : files) {
            Matcher m = CHECK_IN.matcher(Files.readString(file));
            while (m.find()) {
                Set<String> values = new LinkedHashSet<>();
                for (String quoted : m.group(3).split(",")) {
                    values.add(quoted.strip().replaceAll("^'|'$", ""));
                }
                checks.put(m.group(1).toLowerCase() + "." + m.group(2).toLowerCase(), values);
            }
        }
        return checks;
    }

    private static int version(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The enums share no interface, so a generic test reaches wireName() by reflection. */
    private static String wireName(Enum<?> constant) {
        try {
            return (String) constant.getClass().getMethod("wireName").invoke(constant);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(constant.getClass() + " has no public wireName()", e);
        }
    }

    private static <E extends Enum<E>> Arguments vocabulary(Class<E> type, Function<String, E> fromWire,
            Supplier<Set<String>> wireNames, Set<String> vocabulary, String column) {
        return Arguments.of(type, fromWire, wireNames, vocabulary, column);
    }
}

package dev.teto.data.postgres;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.function.Executable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers for the integration tests: unique test data, and assertions that a call wrote nothing. */
final class Fixtures {
    /** One page holding a whole listing, for tests that want every row (listings are always paged). */
    static final PageRequest ALL = PageRequest.first(PageRequest.MAX_LIMIT);

    private Fixtures() {
    }

    /** A fresh, unique, valid e-mail address. */
    static String email() {
        return "u" + UUID.randomUUID() + "@example.com";
    }

    /** Eight random hex characters. */
    static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A unique question-set version (fits VARCHAR(20)). */
    static String version() {
        return "v-" + shortId();
    }

    static User user(TetoData data) {
        return data.users().create(NewUser.of(email(), "Test User"));
    }

    /** {@code n} active Likert questions of {@code version}, order_index 1..n, in that order. */
    static List<Question> likertQuestions(TetoData data, String version, int n) {
        List<NewQuestion> input = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            input.add(NewQuestion.likert(version, i, "cat-" + version, "sub", "Question " + i + " of " + version));
        }
        return data.questions().createAll(input);
    }

    /** A JSON object for input records, keeping key order for readable failure messages. */
    static Map<String, Object> json(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A mutable text list for input records; ValidationIT covers immutable List.of separately. */
    static List<String> texts(String... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /** Sums the Likert values into one dimension; type "TETO". */
    static ProfileScorer sumScorer() {
        return input -> {
            int sum = input.items().stream().mapToInt(i -> i.answer().value() == null ? 0 : i.answer().value()).sum();
            return ProfileDraft.of("TETO", "The Teto", json("teto", sum, "items", input.items().size()))
                    .withStrengths(texts("drive", "focus"));
        };
    }

    /** Now, at the database's precision (microseconds). */
    static Instant nowMicros() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Asserts that {@code call} throws a ValidationException naming {@code field}, and that the row count of
     * {@code table} is unchanged afterwards.
     */
    static ValidationException assertInvalid(String field, TestDatabase db, String table, Executable call) {
        long before = db.count(table);
        ValidationException e = assertThrows(ValidationException.class, call);
        assertEquals(field, e.field(), () -> "field named by: " + e.getMessage());
        assertEquals(before, db.count(table), "nothing may be written to " + table + " after: " + e.getMessage());
        return e;
    }

    /** Like assertThrows, but also asserts the row count of {@code table} did not change. */
    static <E extends TetoDataException> E assertRejected(Class<E> type, TestDatabase db, String table, Executable call) {
        long before = db.count(table);
        E e = assertThrows(type, call);
        assertEquals(before, db.count(table), "nothing may be written to " + table + " after: " + e.getMessage());
        return e;
    }

    /**
     * Asserts that {@code call} fails with a NotFoundException for entity {@code user} (a missing or soft-deleted
     * user), and that the row count of {@code table} is unchanged afterwards.
     */
    static NotFoundException assertUserGone(TestDatabase db, String table, Executable call) {
        NotFoundException e = assertRejected(NotFoundException.class, db, table, call);
        assertEquals(Entities.USER, e.entity(), e::getMessage);
        return e;
    }

    /** The message and every cause's class and message, as a logger would print them. */
    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                all.append(s).append('\n');
            }
        }
        return all.toString();
    }

    /** Runs raw SQL (bypassing the Java layer) that must fail, and returns the driver's exception. */
    static SQLException rawSqlFails(TestDatabase db, String sql, Object... params) {
        try (Connection c = db.openConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            return e;
        }
        return fail("the database accepted: " + sql);
    }
}

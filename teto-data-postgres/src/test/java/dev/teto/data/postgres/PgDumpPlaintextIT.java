package dev.teto.data.postgres;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.PgDump;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a backup holds: after a person takes the test through the SDK, neither a raw SQL read nor a pg_dump of the
 * schema shows their name, email, user agent or free-text answer; the SDK still reads them back.
 */
class PgDumpPlaintextIT {
    private static TestDatabase db;
    private static TetoData data;

    @BeforeAll
    static void open() {
        assumeTrue(PgDump.find().isPresent(), "pg_dump is not installed (looked in /usr/lib/postgresql/15/bin and on the PATH)");
        db = TestDatabase.create("pg_dump");
        data = TetoData.builder().configure(db.settings())
                .profileScorer(in -> ProfileDraft.of("TETO", "Teto", Map.of("items", in.items().size()))).build();
    }

    @AfterAll
    static void close() {
        if (data != null) {
            data.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void neitherARawReadNorADumpShowsPersonalValues() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "dump-" + tag + "@example.com";
        String name = "Dump Person " + tag;
        String agent = "DumpAgent/" + tag;
        String freeText = "what I really think " + tag;
        User user = data.users().create(NewUser.of(email, name));
        data.sessions().create(new NewUserSession(user.id(), "tok-" + tag, null, "10.1.2.3", agent,
                Instant.now().plus(Duration.ofHours(1))));
        data.questions().createAll(List.of(NewQuestion.likert("dump-v1", 1, "c", null, "I lead."),
                new NewQuestion("Describe yourself.", "open", null, 2, Question.TEXT, null, "dump-v1", true)));
        Assessment a = data.assessmentFlow().start(user.id(), "dump-v1");
        for (Question q : data.questions().listActive("dump-v1", dev.teto.data.api.paging.PageRequest.first(10)).items()) {
            data.assessmentFlow().answer(a.id(), Question.TEXT.equals(q.questionType())
                    ? new AnswerInput(q.id(), null, null, freeText, 1000) : AnswerInput.likert(q.id(), 3, 1000));
        }
        data.assessmentFlow().complete(a.id());

        List<String> plaintext = List.of(email, name, agent, freeText);
        String raw = db.count("SELECT count(*) FROM users u JOIN user_sessions s ON s.user_id = u.id"
                + " JOIN answers x ON x.user_id = u.id WHERE u.id = ?", user.id()) > 0 ? rawRows(user.id()) : "";
        String dump = PgDump.dump(db);
        assertTrue(dump.contains(user.id().toString()), "the dump has the person's rows");
        for (String value : plaintext) {
            assertFalse(raw.contains(value), "a raw SQL read shows a personal value in plaintext");
            assertFalse(dump.contains(value), "pg_dump shows a personal value in plaintext");
        }
        assertEquals(name, data.users().findByEmail(email.toUpperCase()).orElseThrow().name(),
                "the SDK still finds the person by email (case-insensitive) and opens the name");
    }

    private static String rawRows(UUID userId) {
        StringBuilder out = new StringBuilder();
        try (var c = db.openConnection(); var ps = c.prepareStatement("SELECT u::text, s::text, x::text FROM users u"
                + " JOIN user_sessions s ON s.user_id = u.id JOIN answers x ON x.user_id = u.id WHERE u.id = ?")) {
            ps.setObject(1, userId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append(rs.getString(2)).append(rs.getString(3));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}

package dev.teto.data.postgres;

import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.likertQuestions;
import static dev.teto.data.postgres.Fixtures.user;
import static dev.teto.data.postgres.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Found by the third host trial: host events are checked at publish, non-finite numbers never reach JSON. */
@TetoDataTest
class HostEventsIT {

    @Test
    void aBadHostEventIsRefusedAtPublishAndTheTransactionGoesOn(TetoData data, TestDatabase db) {
        User u = user(data);
        long outbox = db.count("outbox");
        data.useTransaction(tx -> {
            tx.users().update(u.id(), UserUpdate.none().withName("After"));
            assertField("event.type", () -> tx.publish(DomainEvent.of("billing." + "x".repeat(300), 1, "user", u.id(), Map.of())));
            assertField("event.type", () -> tx.publish(DomainEvent.of("   ", 1, "user", u.id(), Map.of())));
            assertField("event.aggregateType", () -> tx.publish(DomainEvent.of("t", 1, "", u.id(), Map.of())));
            assertField("event.version", () -> tx.publish(DomainEvent.of("t", 0, "user", u.id(), Map.of())));
            assertField("event.payload.x", () -> tx.publish(DomainEvent.of("t", 1, "user", u.id(), Map.of("x", Double.NaN))));
            assertField("event.aggregateId", () -> tx.publish(DomainEvent.of("t", 1, "user", null, Map.of())));
        });
        assertEquals("After", data.users().findById(u.id()).orElseThrow().name(), "the transaction committed");
        assertEquals(outbox + 1, db.count("outbox"), "only the update's own event");
    }

    /** The outbox's batch insert (plain JDBC) reports the server's error typed, and the whole transaction is undone. */
    @Test
    void anEventPublishedTwiceIsADuplicateAndItsTransactionRollsBack(TetoData data, TestDatabase db) {
        User u = user(data);
        DomainEvent once = DomainEvent.of("k.once", 1, "user", u.id(), Map.of("n", 1));
        data.useTransaction(tx -> tx.publish(once));
        long outbox = db.count("outbox");
        DuplicateException e = assertThrows(DuplicateException.class, () -> data.useTransaction(tx -> {
            tx.users().update(u.id(), UserUpdate.none().withName("Never"));
            tx.publish(DomainEvent.of("k.other", 1, "user", u.id(), Map.of("n", 2)));
            tx.publish(once);
        }));
        assertEquals("postgres", e.store().orElseThrow());
        assertEquals(outbox, db.count("outbox"), "neither event of the failed transaction");
        assertTrue(!"Never".equals(data.users().findById(u.id()).orElseThrow().name()), "the update rolled back");
    }

    @Test
    void aScorerThatReturnsNaNIsAValidationErrorAndNothingCompletes(TetoData data) {
        String version = version();
        List<Question> qs = likertQuestions(data, version, 2);
        Assessment a = data.assessmentFlow().start(user(data).id(), version);
        qs.forEach(q -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 3)));
        ValidationException e = assertThrows(ValidationException.class, () -> data.assessmentFlow()
                .complete(a.id(), in -> ProfileDraft.of("TETO", "Teto", Map.of("teto", Double.NaN))));
        assertEquals("dimensions.teto", e.field());
        assertEquals(Assessment.IN_PROGRESS, data.assessments().findById(a.id()).orElseThrow().status());
    }

    @Test
    void theDispatcherOfAClosedTetoDataSaysItIsClosed(TestDatabase db) {
        Map<String, String> settings = new HashMap<>(db.settings());
        settings.put("postgres.run-migrations", "false");
        TetoData data = TetoData.builder().configure(settings).build();
        data.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, data::events);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable call) {
        ValidationException e = assertThrows(ValidationException.class, call);
        assertEquals(field, e.field(), e.getMessage());
    }
}

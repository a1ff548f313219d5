package dev.teto.data.postgres;

import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The events a handler has not handled: what the cache catches up with after an outage. */
@TetoDataTest
class OutboxBacklogIT {

    @Test
    void listsWhatTheHandlerHasNotHandledInOrder(TetoData data, TestDatabase db) {
        OutboxBacklog backlog = data.get(OutboxBacklog.class);
        Instant since = Instant.now().minusSeconds(60);
        Set<String> types = Set.of(EventTypes.QUESTION_CHANGED);
        List<Question> questions = Fixtures.likertQuestions(data, Fixtures.version(), 2);

        List<StoredEvent> unhandled = backlog.unhandled("cache", types, since, -1, 10).stream()
                .filter(e -> questions.stream().anyMatch(q -> q.id().equals(e.event().aggregateId())))
                .toList();
        assertEquals(2, unhandled.size());
        assertEquals(questions.get(0).id(), unhandled.get(0).event().aggregateId());
        assertEquals(1, backlog.unhandled("cache", types, since, unhandled.get(0).sequence(), 10).stream()
                .filter(e -> e.event().aggregateId().equals(questions.get(1).id())).count());
        assertEquals(List.of(), backlog.unhandled("cache", Set.of(EventTypes.PROFILE_UPDATED), since, -1, 10));

        db.execute("INSERT INTO outbox_inbox (handler, event_id) VALUES (?, ?)", "cache", unhandled.get(0).event().id());
        assertEquals(0, backlog.unhandled("cache", types, since, -1, 10).stream()
                .filter(e -> e.event().id().equals(unhandled.get(0).event().id())).count());
    }
}

package dev.teto.data.postgres;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's "test your event handlers" example, as written, with the fixture's own TetoData (whose dispatcher runs)
 * on the same schema: the fixture defers to the test's dispatcher, which has a handler it lacks.
 */
@TetoDataTest
class ReadmeProjectionIT {

    @Test
    void projectsRegistrations(TestDatabase db) throws InterruptedException {
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        try (TetoData data = TetoData.builder().configure(db.settings()).eventHandler("projection", seen::add)
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            data.users().create(NewUser.of(email(), "Mina"));
            Thread.sleep(1500);                          // the fixture's dispatcher polls meanwhile
            data.events().drain();
            assertEquals(1, seen.size());
            assertEquals(EventTypes.USER_REGISTERED, seen.get(0).type());
        }
    }
}

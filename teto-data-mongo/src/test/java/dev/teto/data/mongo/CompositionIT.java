package dev.teto.data.mongo;

import dev.teto.data.api.content.Feedback;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.content.FeedbackType;
import dev.teto.data.api.content.NewFeedback;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MongoDB beside PostgreSQL in one TetoData: each store serves its own repositories, and both report health. */
@TetoDataTest(stores = {TestStore.POSTGRES, TestStore.MONGO})
class CompositionIT {

    @Test
    void bothStoresServeTheirRepositories(TetoData data) {
        User mina = data.users().create(NewUser.of("mina@example.com", "Mina"));
        Feedback f = data.get(FeedbackRepository.class).submit(NewFeedback.of(mina.id(), UUID.randomUUID(),
                FeedbackType.RESULTS_ACCURACY, 5, "spot on"));
        assertEquals(f, data.get(FeedbackRepository.class).listByUser(mina.id(), PageRequest.first(5)).items().get(0));
        assertEquals(HealthStatus.UP, data.health().component("mongo").orElseThrow().status());
        assertTrue(data.health().components().size() >= 2, data.health().toString());
    }
}

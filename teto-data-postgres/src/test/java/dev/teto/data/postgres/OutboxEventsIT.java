package dev.teto.data.postgres;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.SubscriptionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.teto.data.postgres.Fixtures.likertQuestions;
import static dev.teto.data.postgres.Fixtures.shortId;
import static dev.teto.data.postgres.Fixtures.user;
import static dev.teto.data.postgres.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each state change writes its versioned event in its own transaction; answers write none. */
@TetoDataTest(scorer = SumScorer.class)
class OutboxEventsIT {

    @Test
    void everyLibraryEventIsWrittenWithItsPayloadAndDeliveredToAHandler(TestDatabase db) throws Exception {
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        Map<String, String> settings = new java.util.HashMap<>(db.settings());
        settings.put("postgres.run-migrations", "false");
        try (TetoData data = TetoData.builder().configure(settings).profileScorer(new SumScorer())
                .dispatcher(DispatcherOptions.builder().enabled(false).build())
                .eventHandler("recorder", seen::add).build()) {
            User u = user(data);
            data.users().update(u.id(), UserUpdate.none().withName("Renamed"));
            UserSession s = data.sessions().create(new NewUserSession(u.id(), "h-" + UUID.randomUUID(), null, null, null,
                    Instant.now().plus(1, ChronoUnit.DAYS)));
            data.sessions().revoke(s.id());
            String version = version();
            List<Question> qs = likertQuestions(data, version, 3);
            Assessment a = data.assessmentFlow().start(u.id(), version);
            long before = db.count("outbox");
            qs.forEach(q -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 4, 1500)));
            assertEquals(before, db.count("outbox"), "answers write no outbox row");
            data.assessmentFlow().complete(a.id());
            var sub = data.subscriptions().create(NewSubscription.of(u.id(), "premium", Instant.now(), null));
            data.subscriptions().update(sub.id(), SubscriptionUpdate.status("cancelled"));
            Organization org = data.organizations().create(NewOrganization.of("Org " + shortId(), shortId() + ".example"));
            data.organizations().addMember(new NewOrganizationMember(org.id(), u.id(), "member", "active", null));
            data.activities().record(NewUserActivity.of(u.id(), "login", Map.of("via", "test")));
            data.users().softDelete(u.id());

            data.events().drain();
            List<String> types = new ArrayList<>();
            seen.stream().filter(e -> e.aggregateId().equals(u.id())).forEach(e -> types.add(e.type()));
            assertEquals(List.of(EventTypes.USER_REGISTERED, EventTypes.USER_UPDATED, EventTypes.SESSION_OPENED,
                    EventTypes.SESSION_REVOKED, EventTypes.ASSESSMENT_STARTED, EventTypes.ASSESSMENT_COMPLETED,
                    EventTypes.PROFILE_CREATED, EventTypes.SUBSCRIPTION_CHANGED, EventTypes.SUBSCRIPTION_CHANGED,
                    EventTypes.MEMBERSHIP_CHANGED, EventTypes.ACTIVITY_RECORDED, EventTypes.USER_SOFT_DELETED), types);

            DomainEvent completed = seen.stream().filter(e -> e.type().equals(EventTypes.ASSESSMENT_COMPLETED))
                    .findFirst().orElseThrow();
            assertEquals(1, completed.version());
            assertEquals(a.id().toString(), completed.payload().get("assessmentId"));
            List<?> answers = (List<?>) completed.payload().get("answers");
            assertEquals(3, answers.size());
            Map<?, ?> first = (Map<?, ?>) answers.get(0);
            assertEquals(qs.get(0).id().toString(), first.get("questionId"));
            assertEquals(4, ((Number) first.get("value")).intValue());
            assertEquals(1500, ((Number) first.get("responseTimeMs")).intValue());
            for (DomainEvent e : seen) {
                String payload = e.payload().toString();
                assertFalse(payload.contains(u.email()), e.type() + " carries the email");
                assertFalse(payload.contains("Renamed"), e.type() + " carries the name");
            }
            assertTrue(db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL") == 0);
        }
    }
}

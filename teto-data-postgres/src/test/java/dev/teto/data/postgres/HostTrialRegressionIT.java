package dev.teto.data.postgres;

import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.User;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.email;
import static dev.teto.data.postgres.Fixtures.shortId;
import static dev.teto.data.postgres.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bugs a host service found trying this change from outside the repository; one test each. */
@TetoDataTest
class HostTrialRegressionIT {

    @Test
    void freeTextInsideJsonNeverAppearsInAMessage(TetoData data) {
        User u = user(data);
        ValidationException e = assertThrows(ValidationException.class, () -> data.activities().record(
                NewUserActivity.of(u.id(), "contact_form", Map.of("message", "call me at mina.park@example.com \u0000"))));
        assertEquals("activityData.message", e.field());
        assertFalse(Fixtures.messages(e).contains("mina.park"), e.getMessage());
    }

    @Test
    void aTokenHashBelongsToOneSessionOnly(TetoData data, TestDatabase db) {
        String token = "hash-" + UUID.randomUUID();
        Instant later = Instant.now().plusSeconds(3600);
        data.sessions().create(NewUserSession.of(user(data).id(), token, later));
        User other = user(data);
        DuplicateException e = assertThrows(DuplicateException.class,
                () -> data.sessions().create(NewUserSession.of(other.id(), token, later)));
        assertEquals("tokenHash", e.field());
        assertFalse(e.getMessage().contains(token), "a token hash is a secret");
        assertEquals(1, db.count("SELECT count(*) FROM user_sessions WHERE token_hash = ?", token));
    }

    @Test
    void halfAnEmojiIsRefusedRatherThanStoredAsAQuestionMark(TetoData data, TestDatabase db) {
        long before = db.count("users");
        ValidationException e = assertThrows(ValidationException.class,
                () -> data.users().create(NewUser.of(email(), "Mina\uD83E")));
        assertEquals("name", e.field());
        assertEquals(before, db.count("users"));
    }

    @Test
    void aRefusedConnectionFailsBuildAtOnceAsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long t0 = System.nanoTime();
        TransientDataException e = assertThrows(TransientDataException.class, () -> TetoData.builder()
                .with(PostgresOptions.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres")
                        .username("postgres").actorKey(new byte[32]).build())
                .build());
        assertEquals(TransientDataException.Reason.UNAVAILABLE, e.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "failed fast");
    }

    @Test
    void aSoftDeletedUserCannotInviteAnyone(TetoData data) {
        User inviter = user(data);
        User invitee = user(data);
        Organization org = data.organizations().create(NewOrganization.of("Org " + shortId(), shortId() + ".example"));
        data.users().softDelete(inviter.id());
        NotFoundException e = assertThrows(NotFoundException.class, () -> data.organizations()
                .addMember(new NewOrganizationMember(org.id(), invitee.id(), "member", "active", inviter.id())));
        assertEquals(Entities.USER, e.entity());
    }

    @Test
    void lookupsRefuseKeysLongerThanTheirColumn(TetoData data) {
        assertEquals("email", assertThrows(ValidationException.class,
                () -> data.users().findByEmail("p".repeat(1_000_000) + "@example.com")).field());
    }

    @Test
    void anEmailWithConsecutiveDotsIsRefused(TetoData data) {
        assertEquals("email", assertThrows(ValidationException.class,
                () -> data.users().create(NewUser.of("pii-dots@example..com", "A"))).field());
    }

    @Test
    void aNullCallbackOrOptionsIsAValidationError(TetoData data) {
        assertEquals("work", assertThrows(ValidationException.class, () -> data.inTransaction(null)).field());
        assertEquals("options", assertThrows(ValidationException.class, () -> data.inTransaction(null, tx -> 1)).field());
        assertEquals("work", assertThrows(ValidationException.class, () -> data.useTransaction(null)).field());
    }
}

package dev.teto.data.core.internal.rules;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.api.repository.UserSessionRepository;
import dev.teto.data.api.spi.UserLiveness;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.tx.Runner;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Users: registration, update and soft delete publish events; soft delete also ends every session. */
public final class UserRules extends PortCalls<UserRepository> implements UserRepository {
    private final UserFields fields;

    public UserRules(Runner runner, UserFields fields) {
        super(runner, UserRepository.class);
        this.fields = fields;
    }

    /** The user's id is chosen here: every sealed field is bound to it, so it must exist before the row does. */
    @Override
    public User create(NewUser user) {
        return unit((unit, users) -> {
            UUID id = UUID.randomUUID();
            User created = fields.insert(unit, id, user);
            // The event carries the sealed fields: Kafka and the outbox never hold the plaintext.
            unit.publish(Events.userRegistered(created));
            return fields.open(unit, created, false);
        });
    }

    @Override
    public Optional<User> findById(UUID id) {
        return unit((unit, users) -> users.findById(id).map(u -> fields.open(unit, u, true)));
    }

    @Override
    public Optional<User> findByIdIncludingDeleted(UUID id) {
        return unit((unit, users) -> users.findByIdIncludingDeleted(id).map(u -> fields.open(unit, u, true)));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        Check.lookupKey("email", email, 255);
        return unit((unit, users) -> users.findByEmail(fields.emailLookup(email)).map(u -> fields.open(unit, u, true)));
    }

    @Override
    public User update(UUID id, UserUpdate update) {
        return unit((unit, users) -> {
            User updated = users.update(id, fields.seal(unit, id, update));
            unit.publish(Events.userUpdated(updated));
            return fields.open(unit, updated, false);
        });
    }

    @Override
    public void recordLogin(UUID id) {
        call(users -> {
            users.recordLogin(id);
            return null;
        });
    }

    /** Idempotent; only the first delete revokes sessions and publishes. */
    @Override
    public void softDelete(UUID id) {
        unit((unit, users) -> {
            boolean wasLive = !unit.port(UserLiveness.class).holdLive(Set.of(id)).isEmpty();
            users.softDelete(id);
            if (wasLive) {
                int revoked = unit.port(UserSessionRepository.class).revokeAll(id);
                unit.publish(Events.userSoftDeleted(id, revoked));
            } else if (users.findByIdIncludingDeleted(id).isEmpty()) {
                throw new NotFoundException(Entities.USER, id);
            }
            return null;
        });
    }

    @Override
    public Page<User> list(String role, String status, PageRequest page) {
        Check.oneOf("role", role, Vocabulary.USER_ROLES);
        Check.oneOf("status", status, Vocabulary.USER_STATUSES);
        return unit((unit, users) -> users.list(role, status, page).map(u -> fields.open(unit, u, true)));
    }
}

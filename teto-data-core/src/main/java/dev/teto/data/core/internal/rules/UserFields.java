package dev.teto.data.core.internal.rules;

import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.spi.UserInserts;
import dev.teto.data.core.internal.privacy.PersonalFields;
import dev.teto.data.core.internal.privacy.Sealer;
import dev.teto.data.core.internal.privacy.UserKeys;
import dev.teto.data.core.internal.tx.Unit;

import java.util.List;
import java.util.UUID;

/** Which of a user's fields are sealed: email (with its blind index), name and avatar URL. */
public final class UserFields {
    static final List<String> PII = List.of("email", "name", "avatarUrl");

    private final PersonalFields fields;

    public UserFields(PersonalFields fields) {
        this.fields = fields;
    }

    /**
     * Inserts a new user with sealed fields. The key is made first and stored after the row, which its row
     * references; both commit together.
     */
    User insert(Unit unit, UUID id, NewUser user) {
        Sealer sealer = fields.sealer();
        if (sealer == null) {
            return unit.port(UserInserts.class).insert(id, user);
        }
        UserKeys.NewKey key = sealer.newKey(id);
        User created = unit.port(UserInserts.class).insert(id, new NewUser(sealer.sealEmailWith(key, user.email()),
                sealer.sealWith(key, user.name()), user.passwordHash(), sealer.sealWith(key, user.avatarUrl()),
                user.role(), user.status(), user.emailVerified(), user.preferences()));
        sealer.store(unit, key);
        return created;
    }

    UserUpdate seal(Unit unit, UUID id, UserUpdate update) {
        return new UserUpdate(fields.seal(unit, id, update.name()), fields.seal(unit, id, update.avatarUrl()),
                update.passwordHash(), update.emailVerified(), update.role(), update.status(), update.preferences(),
                update.lastLogin());
    }

    /** @param audited whether this is a read the audit log records (a write's echo is covered by its event) */
    User open(Unit unit, User u, boolean audited) {
        if (!fields.sealing()) {
            return u;
        }
        if (audited) {
            fields.auditRead(unit, "user", u.id(), PII);
        }
        return new User(u.id(), fields.open(unit, u.id(), u.email()), u.emailVerified(), u.passwordHash(),
                fields.open(unit, u.id(), u.name()), fields.open(unit, u.id(), u.avatarUrl()), u.role(), u.status(),
                u.preferences(), u.createdAt(), u.updatedAt(), u.lastLogin(), u.deletedAt());
    }

    String emailLookup(String email) {
        return fields.emailLookup(email);
    }
}

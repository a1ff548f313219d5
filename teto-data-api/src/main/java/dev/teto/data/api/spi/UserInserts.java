package dev.teto.data.api.spi;

import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;

import java.util.UUID;

/**
 * Port: inserts a user under an id core chose, a transactional capability. Core needs the id before the row exists:
 * it is the associated data every sealed field of the user is bound to.
 */
public interface UserInserts {
    User insert(UUID id, NewUser user);
}

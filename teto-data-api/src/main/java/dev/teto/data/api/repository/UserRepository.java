package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.validation.Nullable;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;

import java.util.Optional;
import java.util.UUID;

/** Users. Soft-deleted users are hidden from every look-up except {@link #findByIdIncludingDeleted}. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface UserRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the email is taken, compared case-insensitively */
    User create(NewUser user);

    Optional<User> findById(UUID id);

    Optional<User> findByIdIncludingDeleted(UUID id);

    /** Case-insensitive. */
    Optional<User> findByEmail(String email);

    /** Bumps {@code updated_at}. @throws dev.teto.data.api.error.NotFoundException for a missing or deleted user */
    User update(UUID id, UserUpdate update);

    /** Sets {@code last_login} to now. */
    void recordLogin(UUID id);

    /** Sets {@code deleted_at}; the row stays for audit until a privacy erasure removes it. Idempotent. */
    void softDelete(UUID id);

    /** Newest first. Null filters match any value. */
    Page<User> list(@Nullable String role, @Nullable String status, PageRequest page);
}

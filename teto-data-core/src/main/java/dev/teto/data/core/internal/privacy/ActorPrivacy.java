package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.privacy.ErasureReceipt;
import dev.teto.data.api.privacy.PersonalDataExport;
import dev.teto.data.api.privacy.Privacy;
import dev.teto.data.core.internal.tx.Transactions;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Privacy as one actor's view offers it. The service (the bare facade, a service actor) and admins act for anyone;
 * a user may export or erase only themselves (self-service GDPR requests). Anyone else is answered as row-level
 * security answers a read of another user's row: not found.
 */
public final class ActorPrivacy implements Privacy {
    private static final Set<String> ADMIN_ROLES = Set.of("admin", "super_admin");

    private final Privacy privacy;
    private final Actor actor;
    private final Transactions transactions;

    public ActorPrivacy(Privacy privacy, Actor actor, Transactions transactions) {
        this.privacy = privacy;
        this.actor = actor;
        this.transactions = transactions;
    }

    @Override
    public PersonalDataExport export(UUID userId) {
        check(userId);
        return privacy.export(userId);
    }

    @Override
    public ErasureReceipt erase(UUID userId) {
        check(userId);
        return privacy.erase(userId);
    }

    @Override
    public Optional<ErasureReceipt> erasure(UUID userId) {
        if (!mayActFor(userId)) {
            return Optional.empty();
        }
        outsideTransactions();
        return privacy.erasure(userId);
    }

    @Override
    public int resumeErasures() {
        if (actor.kind() == Actor.Kind.USER && !ADMIN_ROLES.contains(actor.role())) {
            throw new IllegalStateException("resuming every pending erasure is for the service or an admin, not a user");
        }
        outsideTransactions();
        return privacy.resumeErasures();
    }

    @Override
    public int rewrapKeys(int limit) {
        if (actor.kind() == Actor.Kind.USER && !ADMIN_ROLES.contains(actor.role())) {
            throw new IllegalStateException("rewrapping keys is for the service or an admin, not a user");
        }
        outsideTransactions();
        return privacy.rewrapKeys(limit);
    }

    private void check(UUID userId) {
        if (!mayActFor(userId)) {
            throw new NotFoundException(Entities.USER, userId);
        }
        outsideTransactions();
    }

    private boolean mayActFor(UUID userId) {
        return actor.kind() != Actor.Kind.USER || ADMIN_ROLES.contains(actor.role()) || actor.userId().equals(userId);
    }

    /** Export and erasure run one transaction per store of their own; they cannot be part of the caller's. */
    private void outsideTransactions() {
        if (transactions.inTransaction()) {
            throw new IllegalStateException("privacy() runs its own transaction per store: call it outside "
                    + "inTransaction, not through tx");
        }
    }
}

package dev.teto.data.core.internal.search;

import dev.teto.data.core.internal.privacy.SearchTokens;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.model.MemberStatus;
import dev.teto.data.api.model.OrganizationMember;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Subscription;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.Versioned;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds {@code user_search} documents from the record of truth, never from an event's payload: the user row, the
 * latest profile, the newest subscription and the first active membership, read in one read-only
 * repeatable-read transaction so they are one consistent snapshot.
 *
 * <p><b>Version.</b> A document's external version is the newest {@code updated_at} of the rows it was built from,
 * in microseconds (PostgreSQL's resolution). Every change to any of them bumps its {@code updated_at} (a trigger
 * does), so the version grows with the state; it is computed from the state alone, so the handler, a reindex and a
 * reconcile on any host agree on it, and Elasticsearch keeps the newest whichever write lands last. A deleted user's
 * tombstone carries that version plus one, so no write of an earlier live state can follow it.
 */
final class UserDocuments {
    private static final TxOptions SNAPSHOT = TxOptions.READ_ONLY.withIsolation(TxOptions.Isolation.REPEATABLE_READ);

    /** The state of one user as the index should reflect it. */
    sealed interface State permits Live, Gone {
    }

    record Live(Versioned<UserDocument> document) implements State {
    }

    /** Soft-deleted or erased: remove from the index with a tombstone of this version. */
    record Gone(UUID userId, long version) implements State {
    }

    private UserDocuments() {
    }

    static State load(TetoOperations data, SearchTokens tokens, UUID userId, long nowMicros) {
        return data.inTransaction(SNAPSHOT, tx -> {
            Optional<User> user = tx.users().findByIdIncludingDeleted(userId);
            if (user.isEmpty()) {
                return new Gone(userId, nowMicros);
            }
            if (user.get().isDeleted()) {
                return new Gone(userId, micros(user.get().updatedAt()) + 1);
            }
            return new Live(build(tx, tokens, user.get()));
        });
    }

    /** Documents for a page of live users, in one snapshot. */
    static List<Versioned<UserDocument>> build(TetoOperations data, SearchTokens tokens, List<User> users) {
        return data.inTransaction(SNAPSHOT, tx -> {
            List<Versioned<UserDocument>> out = new ArrayList<>(users.size());
            for (User user : users) {
                if (!user.isDeleted()) {
                    out.add(build(tx, tokens, user));
                }
            }
            return out;
        });
    }

    private static Versioned<UserDocument> build(TxContext tx, SearchTokens tokens, User user) {
        long version = micros(user.updatedAt());
        Optional<Profile> profile = tx.get(ProfileRepository.class).findLatestByUser(user.id());
        Page<Subscription> subscriptions = tx.subscriptions().listByUser(user.id(), PageRequest.first(1));
        OrganizationMember membership = null;
        Page<OrganizationMember> memberships = tx.organizations().listMemberships(user.id(), PageRequest.first(50));
        for (OrganizationMember m : memberships.items()) {
            version = Math.max(version, micros(m.updatedAt()));
            if (membership == null && MemberStatus.ACTIVE.wireName().equals(m.status())) {
                membership = m;
            }
        }
        if (profile.isPresent()) {
            version = Math.max(version, micros(profile.get().updatedAt()));
        }
        Subscription subscription = subscriptions.items().isEmpty() ? null : subscriptions.items().get(0);
        if (subscription != null) {
            version = Math.max(version, micros(subscription.updatedAt()));
        }
        // The index holds keyed word tokens, never the name or address: nothing in it for erasure to chase.
        UserDocument document = new UserDocument(user.id(), tokens.name(user.name()),
                tokens.email(user.email() == null ? null : user.email().toLowerCase(Locale.ROOT)),
                profile.map(Profile::personalityType).orElse(null), millis(user.createdAt()), millis(user.lastLogin()),
                subscription == null ? null : subscription.status(),
                membership == null ? null : membership.organizationId());
        return new Versioned<>(user.id().toString(), version, document);
    }

    static long micros(Instant t) {
        return t == null ? 0 : ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /** Elasticsearch dates keep milliseconds; truncating here makes a document equal to its indexed copy. */
    static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}

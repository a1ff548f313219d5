package dev.teto.data.api.context;

import java.util.Objects;
import java.util.UUID;

/**
 * Who a call acts for. Stores that enforce access per row (PostgreSQL row-level security) see it for the length of
 * one transaction only, and the outbox records it with every event, as the audit's "who".
 *
 * @param kind    user, service, or none (the library's own work and unattributed calls)
 * @param userId  the user, for {@link Kind#USER}
 * @param service the service account name, for {@link Kind#SERVICE}
 * @param role    a role the store may grant rights by (e.g. {@code admin}, {@code analytics_reader}), may be null
 * @param origin  where the call comes from, for the audit log's "from where" (a request id, a client address the
 *                host chooses to record, a job name); may be null. At most {@value #MAX_NAME} printable characters.
 */
public record Actor(Kind kind, UUID userId, String service, String role, String origin) {
    public static final int MAX_NAME = 100;
    public static final Actor NONE = new Actor(Kind.NONE, null, null, null);

    public enum Kind { NONE, USER, SERVICE }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (origin != null && (origin.length() > MAX_NAME || !origin.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("an actor's origin is at most " + MAX_NAME + " printable ASCII characters");
        }
        if (kind == Kind.USER && userId == null) {
            throw new IllegalArgumentException("a user actor needs a user id");
        }
        if (kind == Kind.SERVICE && (service == null || service.isBlank())) {
            throw new IllegalArgumentException("a service actor needs a service name");
        }
        if ((service != null && service.indexOf('\u0000') >= 0) || (role != null && role.indexOf('\u0000') >= 0)) {
            throw new IllegalArgumentException("an actor's service name and role must not contain NUL");
        }
        // The label (service:<name>) is stored with every event; keep it well inside the outbox's column.
        if ((service != null && service.length() > MAX_NAME) || (role != null && role.length() > MAX_NAME)) {
            throw new IllegalArgumentException("an actor's service name and role are at most " + MAX_NAME + " characters");
        }
    }

    public Actor(Kind kind, UUID userId, String service, String role) {
        this(kind, userId, service, role, null);
    }

    /** This actor, calling from {@code where} (recorded in the audit log, never used for access decisions). */
    public Actor withOrigin(String where) {
        return new Actor(kind, userId, service, role, where);
    }

    public static Actor user(UUID userId) {
        return new Actor(Kind.USER, Objects.requireNonNull(userId, "userId"), null, "user");
    }

    public static Actor user(UUID userId, String role) {
        return new Actor(Kind.USER, Objects.requireNonNull(userId, "userId"), null, role);
    }

    /**
     * @param name the service account, 1 to {@value #MAX_NAME} characters, no NUL
     * @param role a role the store may grant rights by, at most {@value #MAX_NAME} characters; may be null
     * @throws IllegalArgumentException when either is out of bounds, at once rather than on first use
     */
    public static Actor service(String name, String role) {
        return new Actor(Kind.SERVICE, null, name, role);
    }

    /** A short, PII-free label for logs and the outbox: {@code user:<id>}, {@code service:<name>} or {@code none}. */
    public String label() {
        return switch (kind) {
            case USER -> "user:" + userId;
            case SERVICE -> "service:" + service;
            case NONE -> "none";
        };
    }
}

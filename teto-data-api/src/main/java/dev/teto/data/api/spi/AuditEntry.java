package dev.teto.data.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the append-only audit log. It holds no PII value: users appear only as pseudonyms (a keyed hash of
 * their id), and {@code fields} names the fields touched, never their contents.
 *
 * @param actor    {@code user:<pseudonym>}, {@code service:<name>} or {@code none}
 * @param action   {@code create}, {@code update}, {@code delete}, {@code read}, {@code export}, {@code erase}
 * @param entity   the entity type, e.g. {@code user}, {@code answer}
 * @param entityRef the entity's id, or the owning user's pseudonym for user entities; may be null
 * @param fields   the PII fields read or written; may be empty
 * @param origin   where the call came from: the actor's origin (e.g. a client address or request id the host
 *                 passed), else the application name
 */
public record AuditEntry(Instant at, String actor, String action, String entity, String entityRef,
                         List<String> fields, String origin) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entity, "entity");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}

package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.core.internal.tx.Unit;

import java.util.List;
import java.util.UUID;

/**
 * The rules' door to sealing: seals and opens a user's fields when keys are configured, passes values through when no
 * store keeps user keys (e.g. a MongoDB-only setup), and records PII reads in the audit log.
 */
public final class PersonalFields {
    public static final PersonalFields PLAIN = new PersonalFields(null, AuditTrail.OFF, null);

    private final Sealer sealer;
    private final AuditTrail trail;
    private final TransactionalStore store;

    /** @param sealer null when no store keeps user keys: values pass through as given */
    public PersonalFields(Sealer sealer, AuditTrail trail, TransactionalStore store) {
        this.sealer = sealer;
        this.trail = trail;
        this.store = store;
    }

    public boolean sealing() {
        return sealer != null;
    }

    public String seal(Unit unit, UUID userId, String value) {
        return sealer == null || userId == null ? value : sealer.seal(unit, userId, value);
    }

    public String open(Unit unit, UUID userId, String value) {
        return sealer == null || userId == null ? value : sealer.open(unit, userId, value);
    }

    public String sealAlone(UUID userId, String value) {
        return sealer == null || userId == null ? value : sealer.sealAlone(userId, value);
    }

    public String openAlone(UUID userId, String value) {
        return sealer == null ? value : sealer.openAlone(userId, value);
    }

    public String sealEmail(Unit unit, UUID userId, String email) {
        return sealer == null ? email : sealer.sealEmail(unit, userId, email);
    }

    /** The sealer itself, for a new user's fields (sealed before the key row can exist); null when not sealing. */
    public Sealer sealer() {
        return sealer;
    }

    public String emailLookup(String email) {
        return sealer == null ? email : sealer.emailLookup(email);
    }

    /** Records that {@code fields} of the user's {@code entity} were read in plaintext. */
    public void auditRead(Unit unit, String entity, UUID userId, List<String> fields) {
        unit.audit("read", entity, unit.auditRef(userId), fields);
    }

    /** For reads from stores without transactions: the line is written in a short transaction of its own. */
    public void auditReadAlone(String entity, UUID userId, List<String> fields) {
        if (trail.enabled() && store != null) {
            trail.writeAlone(store, List.of(trail.entry(dev.teto.data.api.context.Actor.NONE, "read", entity,
                    trail.userRef(userId), fields)));
        }
    }
}

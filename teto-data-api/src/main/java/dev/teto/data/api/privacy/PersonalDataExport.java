package dev.teto.data.api.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The result of {@link Privacy#export(UUID)}.
 *
 * @param json   one JSON object: {@code {"userId", "exportedAt", "stores": {"postgres": {...}, "mongo": {...}, ...}}},
 *               every encrypted field decrypted
 * @param stores the stores that contributed, in export order
 */
public record PersonalDataExport(UUID userId, Instant exportedAt, List<String> stores, String json) {
    public PersonalDataExport {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(exportedAt, "exportedAt");
        stores = List.copyOf(stores);
        Objects.requireNonNull(json, "json");
    }

    /** Leaves the document out: it is the user's personal data. */
    @Override
    public String toString() {
        return "PersonalDataExport[userId=" + userId + ", exportedAt=" + exportedAt + ", stores=" + stores
                + ", " + json.length() + " chars]";
    }
}

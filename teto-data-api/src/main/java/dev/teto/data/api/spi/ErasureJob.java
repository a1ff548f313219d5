package dev.teto.data.api.spi;

import dev.teto.data.api.privacy.StoreReceipt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An erasure in progress or done, as {@code erasure_jobs} keeps it.
 *
 * @param userId null once the job is complete: the finished record names the user only by {@code subject}
 */
public record ErasureJob(String subject, UUID userId, Instant requestedAt, Instant completedAt,
                         List<StoreReceipt> stores) {
    public ErasureJob {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(requestedAt, "requestedAt");
        stores = List.copyOf(stores);
    }
}

package dev.teto.data.api.spi;

import dev.teto.data.api.privacy.StoreReceipt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: {@code erasure_jobs}, a transactional capability. Jobs are looked up by subject, never by user id. */
public interface ErasureJobs {

    Optional<ErasureJob> find(String subject);

    /** Creates the job unless one exists for the subject; returns the stored job either way. */
    ErasureJob open(String subject, UUID userId, Instant requestedAt, List<StoreReceipt> stores);

    /**
     * Replaces the receipt of {@code receipt.store()} in the subject's job, unless that store is already done: two
     * runs of one job may race, and the first to finish a store holds its true counts.
     */
    void record(String subject, StoreReceipt receipt);

    /** Marks the job complete and forgets its user id. */
    void complete(String subject, Instant completedAt);

    /** Jobs not yet complete, oldest first. */
    List<ErasureJob> pending(int limit);
}

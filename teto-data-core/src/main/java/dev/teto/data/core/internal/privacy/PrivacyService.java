package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.privacy.ErasureReceipt;
import dev.teto.data.api.privacy.ErasureState;
import dev.teto.data.api.privacy.PersonalDataExport;
import dev.teto.data.api.privacy.Privacy;
import dev.teto.data.api.privacy.StoreReceipt;
import dev.teto.data.api.spi.ErasureJob;
import dev.teto.data.api.spi.ErasureJobs;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.api.spi.UserKeyStore;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.core.internal.tx.Transactions;
import dev.teto.data.core.internal.tx.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Export and erasure across every store that registered a {@link PersonalDataStore}.
 *
 * <p>Erasure order: the job is recorded first (so a crash resumes it), then the user's data key is destroyed (from
 * that moment every sealed copy anywhere is unreadable), then PostgreSQL, then every other store. A store that fails
 * stays pending with the failure's type and is retried by {@link #resumeErasures()}.
 */
public final class PrivacyService implements Privacy {
    public static final String KEYS = "keys";
    private static final String POSTGRES = "postgres";
    private static final String OUTBOX = "outbox";
    private static final int OUTBOX_WAIT_ATTEMPTS = 20;
    private static final long OUTBOX_WAIT_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);

    private final Transactions transactions;
    private final List<PersonalDataStore> stores;
    private final Sealer sealer;
    private final AuditTrail trail;
    private final Clock clock;

    private final String activeMasterKeyId;
    private final ReentrantLock[] turns = newTurns();

    private static ReentrantLock[] newTurns() {
        ReentrantLock[] locks = new ReentrantLock[64];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    public PrivacyService(Transactions transactions, List<PersonalDataStore> stores, Sealer sealer, AuditTrail trail,
            Clock clock, String activeMasterKeyId) {
        this.activeMasterKeyId = activeMasterKeyId;
        this.transactions = transactions;
        this.stores = orderedPostgresFirst(stores);
        this.sealer = sealer;
        this.trail = trail;
        this.clock = clock;
    }

    /** PostgreSQL first (it holds the key and the job), the outbox sweep last (it waits for user.erased). */
    private static List<PersonalDataStore> orderedPostgresFirst(List<PersonalDataStore> stores) {
        List<PersonalDataStore> ordered = new ArrayList<>();
        stores.stream().filter(s -> s.store().equals(POSTGRES)).forEach(ordered::add);
        stores.stream().filter(s -> !s.store().equals(POSTGRES) && !s.store().equals(OUTBOX)).forEach(ordered::add);
        stores.stream().filter(s -> s.store().equals(OUTBOX)).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    @Override
    public PersonalDataExport export(UUID userId) {
        requireUnerased(userId);
        byte[] key = sealer.keys().forReadAlone(userId);
        Map<String, Object> byStore = new LinkedHashMap<>();
        for (PersonalDataStore store : stores) {
            Map<String, Object> held = store.export(userId);
            if (!held.isEmpty()) {
                byStore.put(store.store(), SealedTree.open(held, key, userId));
            }
        }
        // An erasure that started while the stores were read could have left some of them half read: the person is
        // being erased, so the answer is "not found", never a partial document.
        requireUnerased(userId);
        var exportedAt = clock.instant();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("userId", userId.toString());
        document.put("exportedAt", exportedAt.toString());
        document.put("stores", byStore);
        trail.writeAlone(transactions.store(), List.of(trail.entry(Actor.NONE, "export", "user", trail.userRef(userId),
                List.copyOf(byStore.keySet()))));
        return new PersonalDataExport(userId, exportedAt, List.copyOf(byStore.keySet()), JsonText.write(document));
    }

    @Override
    public ErasureReceipt erase(UUID userId) {
        String subject = sealer.index().pseudonym(userId);
        ErasureJob job = jobs(j -> j.find(subject)).orElse(null);
        if (job == null) {
            if (!userExists(userId)) {
                // Another caller may have opened the job and erased the row since we looked.
                job = jobs(j -> j.find(subject)).orElseThrow(() -> new NotFoundException(Entities.USER, userId));
                return run(job);
            }
            List<StoreReceipt> pending = new ArrayList<>();
            pending.add(StoreReceipt.pending(KEYS, clock.instant(), "not started"));
            stores.forEach(s -> pending.add(StoreReceipt.pending(s.store(), clock.instant(), "not started")));
            job = jobs(j -> j.open(subject, userId, clock.instant(), pending));
        }
        return run(job);
    }

    @Override
    public Optional<ErasureReceipt> erasure(UUID userId) {
        return jobs(j -> j.find(sealer.index().pseudonym(userId))).map(PrivacyService::receipt);
    }

    @Override
    public int resumeErasures() {
        int completed = 0;
        for (ErasureJob job : jobs(j -> j.pending(100))) {
            try {
                if (run(job).complete()) {
                    completed++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Resuming an erasure failed ({}); it stays pending", e.getClass().getSimpleName());
            }
        }
        return completed;
    }

    @Override
    public int rewrapKeys(int limit) {
        Check.range("limit", limit, 1, 10_000);
        return transactions.runAlone(Actor.NONE, unit -> {
            UserKeyStore keys = unit.port(UserKeyStore.class);
            String active = activeMasterKeyId;
            int rewrapped = 0;
            for (var old : keys.wrappedByOtherThan(active, limit)) {
                var replacement = sealer.keys().rewrapped(old);
                if (replacement != null && keys.rewrap(replacement, old.masterKeyId())) {
                    rewrapped++;
                }
            }
            return rewrapped;
        });
    }

    /**
     * Runs of one job in this JVM take turns (a striped lock on the subject), each starting from the job as stored,
     * so a second caller finds the first one's receipts instead of re-erasing and recording zeros. Runs on two
     * instances may still overlap; every store's erase is idempotent, and a done store keeps its first receipt.
     */
    private ErasureReceipt run(ErasureJob seen) {
        ReentrantLock turn = turns[Math.floorMod(seen.subject().hashCode(), turns.length)];
        turn.lock();
        try {
            return runAlone(jobs(j -> j.find(seen.subject())).orElse(seen));
        } finally {
            turn.unlock();
        }
    }

    private ErasureReceipt runAlone(ErasureJob job) {
        if (job.completedAt() != null || job.userId() == null) {
            return receipt(job);
        }
        UUID userId = job.userId();
        for (StoreReceipt entry : job.stores()) {
            if (!entry.done()) {
                StoreReceipt result = OUTBOX.equals(entry.store()) ? sweepOutbox(userId) : eraseIn(entry.store(), userId);
                // A concurrent run of the same job may have finished this store first; its counts are the true ones.
                jobs(j -> {
                    j.record(job.subject(), result);
                    return null;
                });
            }
        }
        ErasureJob now = jobs(j -> j.find(job.subject())).orElseThrow();
        if (now.stores().stream().allMatch(StoreReceipt::done)) {
            jobs(j -> {
                j.complete(job.subject(), clock.instant());
                return null;
            });
            sealer.keys().forget(userId);
            now = jobs(j -> j.find(job.subject())).orElseThrow();
        }
        return receipt(now);
    }

    private StoreReceipt eraseIn(String name, UUID userId) {
        try {
            if (KEYS.equals(name)) {
                boolean destroyed = transactions.runAlone(Actor.NONE, unit -> unit.port(UserKeyStore.class).destroy(userId));
                sealer.keys().forget(userId);
                return new StoreReceipt(KEYS, ErasureState.DONE, destroyed ? 1 : 0, 0,
                        clock.instant(), destroyed ? "data key destroyed" : "no data key was stored");
            }
            PersonalDataStore store = stores.stream().filter(s -> s.store().equals(name)).findFirst().orElse(null);
            if (store == null) {
                return StoreReceipt.pending(name, clock.instant(), "store not configured in this instance");
            }
            StoreErasure erased = store.erase(userId);
            if (POSTGRES.equals(name)) {
                announceErased(userId);
            }
            return new StoreReceipt(name, ErasureState.DONE, erased.removed(),
                    erased.anonymised(), clock.instant(), erased.detail());
        } catch (RuntimeException e) {
            if (OUTBOX.equals(name)) {
                LOG.debug("Erasure waits for user.erased to leave the outbox ({})", e.getClass().getSimpleName());
                return StoreReceipt.pending(name, clock.instant(), "waiting for user.erased to be delivered");
            }
            LOG.warn("Erasure in {} failed ({}); it stays pending", name, e.getClass().getSimpleName());
            return StoreReceipt.pending(name, clock.instant(), e.getClass().getSimpleName());
        }
    }

    /**
     * The outbox step waits a moment for {@code user.erased} to be delivered (a running dispatcher takes
     * milliseconds), so an erasure usually completes within its call; otherwise it stays pending and is retried.
     */
    private StoreReceipt sweepOutbox(UUID userId) {
        StoreReceipt result = eraseIn(OUTBOX, userId);
        for (int attempt = 0; attempt < OUTBOX_WAIT_ATTEMPTS && !result.done(); attempt++) {
            try {
                Thread.sleep(OUTBOX_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = eraseIn(OUTBOX, userId);
        }
        return result;
    }

    /** Hosts' own stores learn of the erasure through the outbox, like every other change. */
    private void announceErased(UUID userId) {
        transactions.runAlone(Actor.NONE, unit -> {
            unit.publish(DomainEvent.of(dev.teto.data.api.event.EventTypes.USER_ERASED, 1,
                    dev.teto.data.api.event.EventTypes.AGGREGATE_USER, userId, Map.of()));
            return null;
        });
    }

    private boolean userExists(UUID userId) {
        return transactions.runAlone(Actor.NONE,
                unit -> unit.port(UserRepository.class).findByIdIncludingDeleted(userId).isPresent());
    }

    private void requireUnerased(UUID userId) {
        boolean erasing = jobs(j -> j.find(sealer.index().pseudonym(userId))).isPresent();
        if (erasing || !userExists(userId)) {
            throw new NotFoundException(Entities.USER, userId);
        }
    }

    private <R> R jobs(Function<ErasureJobs, R> work) {
        return transactions.runAlone(Actor.NONE, (Unit unit) -> work.apply(unit.port(ErasureJobs.class)));
    }

    private static ErasureReceipt receipt(ErasureJob job) {
        return new ErasureReceipt(job.subject(), job.requestedAt(), job.completedAt(), job.stores());
    }
}

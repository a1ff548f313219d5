package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.privacy.KeyProvider;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.api.spi.AuditLog;
import dev.teto.data.api.spi.ErasureJobs;
import dev.teto.data.api.spi.UserKeyStore;
import dev.teto.data.core.internal.composition.Capabilities;
import dev.teto.data.core.internal.tx.Transactions;

import java.time.Clock;
import java.time.Duration;

/**
 * Decides, once at build, what privacy machinery a composition gets. A store that keeps user keys makes keys
 * mandatory: PII is never written in plaintext because a setting was forgotten.
 */
public final class PrivacyWiring {
    private final Sealer sealer;
    private final AuditTrail trail;
    private final Clock clock;
    private final String activeMasterKeyId;

    private PrivacyWiring(Sealer sealer, AuditTrail trail, Clock clock, String activeMasterKeyId) {
        this.activeMasterKeyId = activeMasterKeyId;
        this.sealer = sealer;
        this.trail = trail;
        this.clock = clock;
    }

    public static PrivacyWiring of(Capabilities capabilities, KeyProvider keys, int cacheSize, Duration cacheAge,
            Clock clock) {
        boolean keyStore = capabilities.provides(UserKeyStore.class);
        if (keyStore && keys == null) {
            throw new IllegalStateException("personal data is encrypted under per-user keys and no master key is "
                    + "configured: call TetoData.builder().keys(KeyProvider) or set privacy.master-keys, "
                    + "privacy.active-master-key and privacy.blind-index-key (see the README's Privacy section)");
        }
        if (!keyStore) {
            return new PrivacyWiring(null, AuditTrail.OFF, clock, null);
        }
        BlindIndex index = new BlindIndex(keys.blindIndexKey());
        UserKeys userKeys = new UserKeys(keys, capabilities.transactionalStore(), cacheSize, cacheAge, clock);
        AuditTrail trail = capabilities.provides(AuditLog.class) ? new AuditTrail(index, clock) : AuditTrail.OFF;
        return new PrivacyWiring(new Sealer(userKeys, index), trail, clock, keys.active().id());
    }

    /**
     * Refuses to start with keys that do not fit the stored data: one stored user's sealed email must open with
     * the configured master keys and give the same blind index. A different blind-index key would otherwise make
     * every existing email unfindable and let a second account take it; a missing master key would fail on the
     * first read of every user it wrapped.
     */
    public void verifyKeys(Transactions transactions) {
        if (sealer == null) {
            return;
        }
        transactions.runAlone(Actor.NONE, unit -> {
            for (User user : unit.port(UserRepository.class).list(null, null, PageRequest.first(20)).items()) {
                String email = user.email();
                if (email == null || !email.startsWith(BlindIndex.EMAIL_PREFIX)) {
                    continue;
                }
                byte[] key = sealer.keys().forRead(unit.port(UserKeyStore.class), user.id());
                String opened = key == null ? null : Sealer.openWith(key, user.id(), email);
                if (opened == null) {
                    continue;
                }
                if (!email.startsWith(sealer.index().emailLookup(opened) + ".")) {
                    throw new IllegalStateException(dev.teto.data.core.KeyProviders.BLIND_INDEX_KEY
                            + " is not the key the stored emails were indexed with: refusing to start (look-ups and"
                            + " uniqueness of every stored email would silently break)");
                }
                return null;
            }
            return null;
        });
    }

    public AuditTrail trail() {
        return trail;
    }

    public PersonalFields fields(Transactions transactions) {
        return sealer == null ? PersonalFields.PLAIN : new PersonalFields(sealer, trail, transactions.store());
    }

    public SearchTokens searchTokens() {
        return sealer == null ? SearchTokens.PLAIN : new SearchTokens(sealer.index());
    }

    /** Null when no store keeps erasure jobs. */
    public PrivacyService privacy(Capabilities capabilities, Transactions transactions) {
        if (sealer == null || !capabilities.provides(ErasureJobs.class)) {
            return null;
        }
        return new PrivacyService(transactions, capabilities.personalData(), sealer, trail, clock, activeMasterKeyId);
    }
}

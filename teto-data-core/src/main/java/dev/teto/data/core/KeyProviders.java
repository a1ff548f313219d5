package dev.teto.data.core;

import dev.teto.data.api.privacy.KeyProvider;
import dev.teto.data.api.privacy.MasterKey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Ready-made {@link KeyProvider}s. Keys come from the host's configuration (an environment variable, a secrets
 * manager mounted as a file); none is ever in source. For a KMS, implement {@link KeyProvider} and cache its answers.
 */
public final class KeyProviders {
    /** Setting: master keys as {@code id:base64,id:base64} (each 32 bytes). */
    public static final String MASTER_KEYS = "privacy.master-keys";
    /** Setting: the id of the master key that wraps new data keys. */
    public static final String ACTIVE_MASTER_KEY = "privacy.active-master-key";
    /** Setting: the blind-index key, base64, at least 32 bytes. */
    public static final String BLIND_INDEX_KEY = "privacy.blind-index-key";

    private KeyProviders() {
    }

    /** Fixed keys: {@code active} wraps new data keys; {@code older} still unwrap keys wrapped before a rotation. */
    public static KeyProvider of(MasterKey active, List<MasterKey> older, byte[] blindIndexKey) {
        Objects.requireNonNull(active, "active");
        Map<String, MasterKey> all = new LinkedHashMap<>();
        all.put(active.id(), active);
        for (MasterKey key : older) {
            if (all.putIfAbsent(key.id(), key) != null && !key.equals(active)) {
                throw new IllegalArgumentException("two master keys have the id " + key.id());
            }
        }
        if (blindIndexKey == null || blindIndexKey.length < 32) {
            throw new IllegalArgumentException(BLIND_INDEX_KEY + " must be at least 32 bytes");
        }
        byte[] index = blindIndexKey.clone();
        return new KeyProvider() {
            @Override
            public MasterKey active() {
                return active;
            }

            @Override
            public Optional<MasterKey> find(String id) {
                return Optional.ofNullable(all.get(id));
            }

            @Override
            public byte[] blindIndexKey() {
                return index.clone();
            }

            @Override
            public String toString() {
                return "KeyProvider[active=" + active.id() + ", keys=" + all.keySet() + "]";
            }
        };
    }

    /**
     * Fresh random keys held only in memory: for tests and demos. Everything sealed with them is unreadable once the
     * JVM exits.
     */
    public static KeyProvider random() {
        SecureRandom random = new SecureRandom();
        byte[] master = new byte[MasterKey.LENGTH];
        byte[] index = new byte[32];
        random.nextBytes(master);
        random.nextBytes(index);
        return of(new MasterKey("random-" + Long.toHexString(random.nextLong() & 0xffffffL), master), List.of(), index);
    }

    /**
     * Keys from flat settings ({@value #MASTER_KEYS}, {@value #ACTIVE_MASTER_KEY}, {@value #BLIND_INDEX_KEY}).
     *
     * @return empty when none of the three is set
     * @throws IllegalArgumentException naming the setting that is missing or malformed (never its value)
     */
    public static Optional<KeyProvider> fromSettings(Map<String, String> settings) {
        String masters = settings.get(MASTER_KEYS);
        String activeId = settings.get(ACTIVE_MASTER_KEY);
        String index = settings.get(BLIND_INDEX_KEY);
        if (masters == null && activeId == null && index == null) {
            return Optional.empty();
        }
        if (masters == null || index == null) {
            throw new IllegalArgumentException("set both " + MASTER_KEYS + " and " + BLIND_INDEX_KEY);
        }
        Map<String, MasterKey> keys = new LinkedHashMap<>();
        for (String entry : masters.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(MASTER_KEYS + " must be id:base64[,id:base64...]");
            }
            String id = entry.substring(0, colon).trim();
            MasterKey key;
            try {
                key = new MasterKey(id, decode(MASTER_KEYS, entry.substring(colon + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(MASTER_KEYS + ": " + e.getMessage());
            }
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException(MASTER_KEYS + " names the key id " + id + " twice");
            }
        }
        String active = activeId == null ? keys.keySet().iterator().next() : activeId.trim();
        MasterKey activeKey = keys.get(active);
        if (activeKey == null) {
            throw new IllegalArgumentException(ACTIVE_MASTER_KEY + " names no key of " + MASTER_KEYS);
        }
        byte[] indexKey = decode(BLIND_INDEX_KEY, index.trim());
        if (indexKey.length < 32) {
            throw new IllegalArgumentException(BLIND_INDEX_KEY + " must be at least 32 bytes");
        }
        return Optional.of(of(activeKey, List.copyOf(keys.values()), indexKey));
    }

    private static byte[] decode(String setting, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not valid base64");
        }
    }
}

package dev.teto.data.core;

import dev.teto.data.api.privacy.KeyProvider;
import dev.teto.data.api.privacy.MasterKey;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyProvidersTest {
    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString(filled(7));

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void settingsNameTheActiveKeyAndKeepOlderOnes() {
        KeyProvider keys = KeyProviders.fromSettings(Map.of(KeyProviders.MASTER_KEYS, "old:" + K1 + ",new:" + K2,
                KeyProviders.ACTIVE_MASTER_KEY, "new", KeyProviders.BLIND_INDEX_KEY, K1)).orElseThrow();
        assertEquals("new", keys.active().id());
        assertTrue(keys.find("old").isPresent());
        assertFalse(keys.find("gone").isPresent());
        assertFalse(keys.toString().contains(K2), "toString never shows key material");
    }

    @Test
    void noSettingsMeansNoProvider() {
        assertTrue(KeyProviders.fromSettings(Map.of()).isEmpty());
    }

    @Test
    void malformedSettingsNameTheSettingNotTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyProviders.fromSettings(Map.of(
                KeyProviders.MASTER_KEYS, "k1:not*base64", KeyProviders.BLIND_INDEX_KEY, K1)));
        assertTrue(e.getMessage().contains(KeyProviders.MASTER_KEYS));
        assertFalse(e.getMessage().contains("not*base64"));
        assertThrows(IllegalArgumentException.class, () -> KeyProviders.fromSettings(Map.of(
                KeyProviders.MASTER_KEYS, "k1:" + K1, KeyProviders.ACTIVE_MASTER_KEY, "k9", KeyProviders.BLIND_INDEX_KEY, K1)));
        assertThrows(IllegalArgumentException.class, () -> KeyProviders.fromSettings(Map.of(KeyProviders.MASTER_KEYS, "k1:" + K1)));
        assertThrows(IllegalArgumentException.class, () -> KeyProviders.fromSettings(Map.of(
                KeyProviders.MASTER_KEYS, "k1:" + Base64.getEncoder().encodeToString(new byte[16]), KeyProviders.BLIND_INDEX_KEY, K1)));
    }

    @Test
    void randomKeysDifferEachTime() {
        MasterKey a = KeyProviders.random().active();
        MasterKey b = KeyProviders.random().active();
        assertFalse(java.util.Arrays.equals(a.material(), b.material()));
    }
}

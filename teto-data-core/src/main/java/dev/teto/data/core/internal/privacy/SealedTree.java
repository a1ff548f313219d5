package dev.teto.data.core.internal.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens every sealed string in a store's export with the user's key. Stores return what they hold, sealed or not;
 * only core has keys. A value sealed under someone else's key (another person's comment) is not theirs to read.
 */
final class SealedTree {
    static final String UNREADABLE = "[sealed: not this person's data]";

    private SealedTree() {
    }

    static Object open(Object value, byte[] key, UUID userId) {
        if (value instanceof String text) {
            if (!Envelope.isSealed(text) && !Sealer.isSealedEmail(text)) {
                return text;
            }
            String opened = Sealer.openWith(key, userId, text);
            return opened == null ? UNREADABLE : opened;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), open(v, key, userId)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(open(v, key, userId)));
            return out;
        }
        return value;
    }
}

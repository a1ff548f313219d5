package dev.teto.data.postgres.internal.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.privacy.ErasureState;
import dev.teto.data.api.privacy.StoreReceipt;
import dev.teto.data.postgres.internal.tx.SqlErrors;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link StoreReceipt}s as the JSONB of {@code erasure_jobs.stores}: {@code {store, state, removed, anonymised, at, detail}}. */
final class Receipts {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private Receipts() {
    }

    static String write(List<StoreReceipt> receipts) {
        return write((Object) receipts.stream().map(Receipts::entry).toList());
    }

    static String write(StoreReceipt receipt) {
        return write((Object) entry(receipt));
    }

    static List<StoreReceipt> read(String json) {
        try {
            return MAPPER.readValue(json, LIST).stream().map(Receipts::receipt).toList();
        } catch (JsonProcessingException | RuntimeException e) {
            // Not kept as the cause: Jackson quotes what it read.
            throw new DataAccessException(SqlErrors.STORE, "erasure_jobs.stores is not a list of receipts ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static Map<String, Object> entry(StoreReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", r.store());
        m.put("state", r.state().name());
        m.put("removed", r.removed());
        m.put("anonymised", r.anonymised());
        m.put("at", r.at().toString());
        m.put("detail", r.detail());
        return m;
    }

    private static StoreReceipt receipt(Map<String, Object> m) {
        return new StoreReceipt((String) m.get("store"), ErasureState.valueOf((String) m.get("state")),
                ((Number) m.get("removed")).longValue(), ((Number) m.get("anonymised")).longValue(),
                Instant.parse((String) m.get("at")), (String) m.get("detail"));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipts are plain values and always serialise", e);
        }
    }
}

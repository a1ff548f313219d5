package dev.teto.data.postgres.internal.repo;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectStatementTest {

    @Test
    void namedParametersBecomePositionsAndCastsStay() {
        DirectStatement s = DirectStatement.of("SELECT :id::text, x FROM t WHERE a = :id AND b = CAST(:other AS uuid)",
                Map.of("id", UUID.class, "other", UUID.class));
        assertEquals("SELECT ?::text, x FROM t WHERE a = ? AND b = CAST(? AS uuid)", s.sql());
    }

    @Test
    void aParameterWithoutATypeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DirectStatement.of("SELECT :known, :unknown", Map.of("known", String.class)));
        assertTrue(e.getMessage().contains("unknown"), e.getMessage());
    }
}

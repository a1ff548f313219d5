package dev.teto.data.core.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessorOptionsTest {

    @Test
    void backoffDoublesUpToTheCap() {
        ProcessorOptions o = ProcessorOptions.builder().initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(350)).build();
        assertEquals(Duration.ofMillis(100), o.backoffAfter(1));
        assertEquals(Duration.ofMillis(200), o.backoffAfter(2));
        assertEquals(Duration.ofMillis(350), o.backoffAfter(3));
        assertEquals(Duration.ofMillis(350), o.backoffAfter(30));
    }

    @Test
    void badOptionsNameTheOption() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ProcessorOptions.builder().only("teto.nothing").build());
        assertTrue(unknown.getMessage().startsWith("only"), unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcessorOptions.builder().batchSize(0).build())
                .getMessage().startsWith("batchSize"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProcessorOptions.builder().tooFast(Duration.ZERO).build()).getMessage().startsWith("tooFast"));
        assertEquals(5, Processors.ALL.size());
    }
}

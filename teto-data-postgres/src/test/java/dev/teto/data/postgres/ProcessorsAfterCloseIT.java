package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Processors of a closed TetoData refuse with IllegalStateException, as every other use of a closed one does. */
class ProcessorsAfterCloseIT {

    @Test
    void aClosedTetoDataClosesItsProcessorsToUse() {
        try (TestDatabase db = TestDatabase.create("processors_closed")) {
            TetoData data = TetoData.builder().configure(db.settings()).build();
            Processors processors = Processors.create(data, ProcessorOptions.builder().build());
            data.close();
            assertEquals("this TetoData is closed", assertThrows(IllegalStateException.class, processors::start).getMessage());
            assertThrows(IllegalStateException.class, processors::drain);
            assertThrows(IllegalStateException.class, () -> processors.deadLetters(Processors.COHORTS, 10));
            processors.close();
        }
    }
}

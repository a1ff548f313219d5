package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.SQLException;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs {@link ExtensionSamples} through the Jupiter engine, with {@link FakePostgresStoreProvider} in place of
 * teto-data-postgres, and checks injection, sharing and cleanup order.
 */
class TetoDataExtensionIT {

    @Test
    void oneDatabaseAndTetoDataPerClassClosedInOrderAfterTheClass() throws Exception {
        EngineExecutionResults results = run(ExtensionSamples.Basic.class);
        assertEquals(3, results.testEvents().succeeded().count(), failures(results));

        String schema = ExtensionSamples.Basic.db.schema();
        assertEquals(1, ExtensionSamples.Basic.SCHEMAS_SEEN.size(), ExtensionSamples.Basic.SCHEMAS_SEEN.toString());
        assertTrue(schema.startsWith("t_basic_"), schema);

        FakePostgresStoreProvider.Opened store = FakePostgresStoreProvider.forSchema(schema);
        assertEquals(String.valueOf(TestDatabase.DEFAULT_POOL_SIZE), store.options.settings().get("pool.max"));
        assertEquals("true", store.options.settings().get("run-migrations"));
        assertTrue(store.closed, "TetoData closed after the class");
        assertTrue(store.schemaExistedAtClose, "TetoData closed before the schema was dropped");
        assertFalse(PostgresServersIT.schemaExists(schema), "schema dropped after the class");
    }

    @Test
    void constructorInjectionWithPerClassLifecycle() throws Exception {
        EngineExecutionResults results = run(ExtensionSamples.PerClass.class);
        assertEquals(1, results.testEvents().succeeded().count(), failures(results));
        String schema = ExtensionSamples.PerClass.db.schema();
        assertTrue(FakePostgresStoreProvider.forSchema(schema).closed);
        assertFalse(PostgresServersIT.schemaExists(schema));
    }

    @Test
    void everyClassGetsItsOwnSchema() {
        EngineExecutionResults first = run(ExtensionSamples.PerClass.class);
        String firstSchema = ExtensionSamples.PerClass.db.schema();
        EngineExecutionResults second = run(ExtensionSamples.PerClass.class);
        assertEquals(1, first.testEvents().succeeded().count(), failures(first));
        assertEquals(1, second.testEvents().succeeded().count(), failures(second));
        assertNotEquals(firstSchema, ExtensionSamples.PerClass.db.schema());
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static String failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(Event::getPayload)
                .map(p -> p.filter(TestExecutionResult.class::isInstance).map(TestExecutionResult.class::cast)
                        .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))
                .collect(Collectors.joining("\n", "failures:\n", ""));
    }
}

package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.teto.data.core.TetoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Test classes that {@link TetoDataExtensionIT} runs through the JUnit engine test kit. Not run directly: the
 * name matches neither *Test nor *IT, and they are nested.
 */
final class ExtensionSamples {

    private ExtensionSamples() {
    }

    @TetoDataTest
    static class Basic {
        static volatile TestDatabase db;
        static volatile TetoData data;
        static final Set<String> SCHEMAS_SEEN = ConcurrentHashMap.newKeySet();

        private final TestDatabase constructorDb;

        Basic(TestDatabase db) {
            this.constructorDb = db;
        }

        @BeforeAll
        static void beforeAll(TestDatabase db, TetoData data) {
            Basic.db = db;
            Basic.data = data;
            SCHEMAS_SEEN.add(db.schema());
        }

        @BeforeEach
        void beforeEach(TestDatabase db, TetoData data) {
            assertSame(Basic.db, db);
            assertSame(Basic.data, data);
            assertSame(Basic.db, constructorDb);
        }

        @Test
        void schemaIsMigrated(TestDatabase db) {
            assertEquals(1, db.count("fake_migration"));
            assertEquals(db.schema(), FakePostgresStoreProvider.forSchema(db.schema()).options.schema());
            SCHEMAS_SEEN.add(db.schema());
        }

        @Test
        void sameInstancesForEveryTest(TestDatabase db, TetoData data) {
            assertSame(Basic.db, db);
            assertSame(Basic.data, data);
            db.execute("CREATE TABLE IF NOT EXISTS scratch (id int)");
        }

        @AfterAll
        static void afterAll(TestDatabase db) {
            // still there while @AfterAll methods run
            assertEquals(1, db.count("fake_migration"));
        }

        @Nested
        class Inner {
            @Test
            void nestedClassSharesTheOuterInstances(TestDatabase db, TetoData data) {
                assertSame(Basic.db, db);
                assertSame(Basic.data, data);
                SCHEMAS_SEEN.add(db.schema());
            }
        }
    }

    @TetoDataTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClass {
        static volatile TestDatabase db;
        private final TetoData data;

        PerClass(TestDatabase db, TetoData data) {
            PerClass.db = db;
            this.data = data;
        }

        @Test
        void constructorInjectionWorksBeforeBeforeAll(TestDatabase db, TetoData data) {
            assertNotNull(this.data);
            assertSame(PerClass.db, db);
            assertSame(this.data, data);
            assertEquals(1, db.count("fake_migration"));
        }
    }
}

package dev.teto.data.core;

import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.core.fake.MemoryOptions;
import dev.teto.data.core.fake.NoteRepository;
import dev.teto.data.core.fake.NotesOptions;
import dev.teto.data.core.fake.NotesStoreProvider;
import dev.teto.data.core.fake.TransportOptions;
import dev.teto.data.core.fake.TransportStoreProvider;
import dev.teto.data.core.internal.composition.StoreComposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stores plug in through the SPI alone: the notes store and its repository exist only in this test source set. */
class CompositionTest {

    @Test
    void aStoreFromTheTestSourceSetIsReachableWithoutAnyEditInCore() {
        try (TetoData data = TetoData.builder().with(new NotesOptions("n1")).build()) {
            NoteRepository notes = data.get(NoteRepository.class);
            notes.add("mina", "hello");
            notes.add("joon", "hi");
            assertEquals(List.of("n1:hello"), notes.list("mina"));
            assertEquals(2, notes.list(null).size());
        }
        assertTrue(NotesStoreProvider.CLOSED.contains("n1"));
    }

    @Test
    void flatSettingsConfigureAStoreThroughItsProvider() {
        try (TetoData data = TetoData.builder().configure(Map.of("notes.name", "fromConfig")).build()) {
            data.get(NoteRepository.class).add("a", "b");
            assertEquals(List.of("fromConfig:b"), data.get(NoteRepository.class).list("a"));
        }
    }

    @Test
    void argumentsAreCheckedBeforeTheStoreIsCalled() {
        try (TetoData data = TetoData.builder().with(new NotesOptions("n2")).build()) {
            NoteRepository notes = data.get(NoteRepository.class);
            ValidationException missing = assertThrows(ValidationException.class, () -> notes.add(null, "x"));
            assertEquals("author", missing.field());
            ValidationException nul = assertThrows(ValidationException.class, () -> notes.add("a", "bad\u0000text"));
            assertEquals("text", nul.field());
            assertEquals(List.of(), notes.list(null));
        }
    }

    @Test
    void aMissingCapabilityNamesTheModuleAndTheBuilderCall() {
        try (TetoData data = TetoData.builder().with(new NotesOptions("n3")).build()) {
            StoreNotConfiguredException e = assertThrows(StoreNotConfiguredException.class, data::users);
            assertTrue(e.getMessage().contains("dev.teto:teto-data-postgres"), e.getMessage());
            assertTrue(e.getMessage().contains("with(PostgresOptions"), e.getMessage());
            assertThrows(StoreNotConfiguredException.class, () -> data.get(UserRepository.class));
            assertThrows(StoreNotConfiguredException.class, () -> data.inTransaction(tx -> 1));
        }
    }

    @Test
    void twoProvidersClaimingOneOptionsTypeIsAClearError(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.teto.data.api.spi.StoreProvider"),
                "dev.teto.data.core.fake.NotesStoreProviderTwin\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> StoreComposition.discover(loader));
            assertTrue(e.getMessage().contains("NotesStoreProvider"), e.getMessage());
            assertTrue(e.getMessage().contains("NotesStoreProviderTwin"), e.getMessage());
        }
    }

    @Test
    void aTransportModulesDispatcherReplacesTheInProcessOneWithTheSameHandlers() {
        try (TetoData plain = TetoData.builder().with(new MemoryOptions()).build()) {
            assertTrue(plain.events().getClass().getName().contains("InProcessEventDispatcher"));
        }
        try (TetoData data = TetoData.builder().with(new MemoryOptions()).with(new TransportOptions())
                .eventHandler("projection", e -> { }).build()) {
            TransportStoreProvider.RecordingDispatcher chosen =
                    assertInstanceOf(TransportStoreProvider.RecordingDispatcher.class, data.events());
            assertEquals(List.of("projection"), List.copyOf(chosen.handlers().keySet()));
        }
    }

    @Test
    void noStoreAtAllIsRefusedAtBuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TetoData.builder().build());
        assertTrue(e.getMessage().contains("no store is configured"), e.getMessage());
    }

    @Test
    void aClosedTetoDataSaysSo() {
        TetoData data = TetoData.builder().with(new NotesOptions("n4")).build();
        data.close();
        data.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> data.get(NoteRepository.class));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}

package dev.teto.data.core.fake;

import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.StoreProvider;

import java.util.Map;

/** Base for a provider that competes for {@link NotesOptions}. */
public class NotesStoreProviderBase implements StoreProvider<NotesOptions> {
    @Override
    public String name() {
        return "notes-twin";
    }

    @Override
    public Class<NotesOptions> optionsType() {
        return NotesOptions.class;
    }

    @Override
    public NotesOptions optionsFrom(Map<String, String> config) {
        return new NotesOptions("twin");
    }

    @Override
    public OpenStore open(NotesOptions options, CapabilityRegistry registry) {
        return () -> { };
    }
}

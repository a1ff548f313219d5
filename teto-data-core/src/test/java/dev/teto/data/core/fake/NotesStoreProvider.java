package dev.teto.data.core.fake;

import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.StoreProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A non-transactional in-memory store, registered through META-INF/services of the test source set only. */
public final class NotesStoreProvider implements StoreProvider<NotesOptions> {
    public static final List<String> CLOSED = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "notes";
    }

    @Override
    public Class<NotesOptions> optionsType() {
        return NotesOptions.class;
    }

    @Override
    public NotesOptions optionsFrom(Map<String, String> config) {
        String name = config.get("name");
        if (name == null) {
            throw new IllegalArgumentException("notes.name is required");
        }
        return new NotesOptions(name);
    }

    @Override
    public OpenStore open(NotesOptions options, CapabilityRegistry registry) {
        List<String[]> notes = new CopyOnWriteArrayList<>();
        registry.register(NoteRepository.class, new NoteRepository() {
            @Override
            public void add(String author, String text) {
                notes.add(new String[] {author, options.name() + ":" + text});
            }

            @Override
            public List<String> list(String author) {
                List<String> found = new ArrayList<>();
                notes.stream().filter(n -> author == null || n[0].equals(author)).forEach(n -> found.add(n[1]));
                return found;
            }
        });
        return () -> CLOSED.add(options.name());
    }
}

package dev.teto.data.core.fake;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.validation.Nullable;

import java.util.List;

/** A repository that exists only in this test source set: proof that a new store needs no edit in core. */
@ProvidedBy(module = "dev.teto:teto-data-notes", options = "NotesOptions")
public interface NoteRepository {
    void add(String author, String text);

    List<String> list(@Nullable String author);
}

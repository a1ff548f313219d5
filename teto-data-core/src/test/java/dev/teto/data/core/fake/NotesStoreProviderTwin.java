package dev.teto.data.core.fake;

/** Claims the same options type as {@link NotesStoreProvider}: never registered globally, only in one test. */
public final class NotesStoreProviderTwin extends dev.teto.data.core.fake.NotesStoreProviderBase {
}

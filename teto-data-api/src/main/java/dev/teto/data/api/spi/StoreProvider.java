package dev.teto.data.api.spi;

import java.util.Map;

/**
 * One per adapter module, found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.teto.data.api.spi.StoreProvider}). A new store is a new module with one of these:
 * neither the facade nor its builder changes.
 *
 * @param <O> the adapter's options type; no two providers may claim the same one
 */
public interface StoreProvider<O extends StoreOptions> {

    /** Short store name used in errors, logs and config keys: {@code postgres}, {@code redis}, ... */
    String name();

    Class<O> optionsType();

    /**
     * Builds options from flat configuration ({@code <name>.url}, {@code <name>.schema}, ...), for hosts and tools
     * that configure from a file or the environment. Keys are given without the {@code <name>.} prefix.
     *
     * @throws IllegalArgumentException naming the key that is missing or malformed (never its value)
     */
    O optionsFrom(Map<String, String> config);

    /**
     * Connects (and migrates, if the options say so), then registers every capability the store provides.
     * Fails fast, within the options' timeouts, when the store cannot be reached.
     */
    OpenStore open(O options, CapabilityRegistry registry);

    /** A store this provider opened; closed once when {@code TetoData} closes. */
    interface OpenStore extends AutoCloseable {
        @Override
        void close();
    }
}

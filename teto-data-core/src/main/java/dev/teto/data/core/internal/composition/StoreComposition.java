package dev.teto.data.core.internal.composition;

import dev.teto.data.api.spi.StoreOptions;
import dev.teto.data.api.spi.StoreProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the store providers on the classpath, opens one store per options object, and closes them all, last
 * opened first.
 */
public final class StoreComposition implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreComposition.class);

    private final List<StoreProvider.OpenStore> opened;
    private final Capabilities capabilities;

    private StoreComposition(List<StoreProvider.OpenStore> opened, Capabilities capabilities) {
        this.opened = opened;
        this.capabilities = capabilities;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** The providers found, by options type. Two providers for one options type is a configuration error. */
    public static Map<Class<?>, StoreProvider<?>> discover(ClassLoader loader) {
        Map<Class<?>, StoreProvider<?>> byOptions = new LinkedHashMap<>();
        for (StoreProvider<?> provider : ServiceLoader.load(StoreProvider.class, loader)) {
            StoreProvider<?> other = byOptions.putIfAbsent(provider.optionsType(), provider);
            if (other != null) {
                throw new IllegalStateException("two store providers claim " + provider.optionsType().getName() + ": "
                        + other.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one of the modules from the classpath");
            }
        }
        return byOptions;
    }

    /** Opens a store for each options object; if one fails, those already opened are closed again. */
    public static StoreComposition open(Map<Class<?>, StoreProvider<?>> providers, Collection<StoreOptions> options) {
        Registry registry = new Registry();
        List<StoreProvider.OpenStore> opened = new ArrayList<>();
        try {
            for (StoreOptions option : options) {
                StoreProvider<?> provider = providers.get(option.getClass());
                if (provider == null) {
                    throw new IllegalStateException("no store provider on the classpath takes " + option.getClass().getName()
                            + "; add the adapter module that defines it");
                }
                registry.startProvider(provider.name());
                opened.add(openOne(provider, option, registry));
                LOG.info("store {} opened", provider.name());
            }
            return new StoreComposition(opened, registry.freeze());
        } catch (RuntimeException | Error e) {
            closeAll(opened, e);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <O extends StoreOptions> StoreProvider.OpenStore openOne(StoreProvider<O> provider, StoreOptions options,
            Registry registry) {
        return provider.open((O) options, registry);
    }

    @Override
    public void close() {
        closeAll(opened, null);
    }

    private static void closeAll(List<StoreProvider.OpenStore> stores, Throwable failure) {
        RuntimeException first = null;
        for (int i = stores.size() - 1; i >= 0; i--) {
            try {
                stores.get(i).close();
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        stores.clear();
        if (first != null) {
            throw first;
        }
    }
}

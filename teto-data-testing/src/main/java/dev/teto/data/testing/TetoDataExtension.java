package dev.teto.data.testing;

import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.core.TetoData;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit 5 extension behind {@link TetoDataTest}. Per test class it opens each requested store's fixture, builds one
 * {@link TetoData} with their settings (migrating the schema) and the requested scorer, injects them, and after the
 * class closes the TetoData, then the fixtures. {@code @Nested} classes reuse the instance of their enclosing class.
 */
public final class TetoDataExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(TetoDataExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TetoDataExtension.class);
    private static final String KEY = "teto-data";
    /** What a {@link TestStore} may inject besides the TetoData: each store's fixture type. */
    private static final Set<Class<?>> FIXTURE_TYPES =
            Set.of(TestDatabase.class, TestRedis.class, TestMongo.class, TestSearch.class, TestKafka.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        resources(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() only looks at this context's own store: a @Nested class leaves its outer class's instance alone
        Resources resources = context.getStore(NAMESPACE).remove(KEY, Resources.class);
        if (resources != null) {
            resources.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TetoData.class || FIXTURE_TYPES.contains(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Resources resources = resources(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TetoData.class) {
            return resources.data;
        }
        for (Object fixture : resources.fixtures) {
            if (type.isInstance(fixture)) {
                return fixture;
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " is not available: add its store to @TetoDataTest(stores = ...)");
    }

    private static Resources resources(ExtensionContext context) {
        Resources existing = context.getStore(NAMESPACE).get(KEY, Resources.class);
        if (existing != null) {
            return existing;
        }
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> Resources.open(testClass), Resources.class);
    }

    /** One class's fixtures and TetoData; AutoCloseable so JUnit closes it should afterAll never run. */
    static final class Resources implements AutoCloseable {
        final TetoData data;
        final List<Object> fixtures;
        private final List<AutoCloseable> cleanups;
        private boolean closed;

        private Resources(TetoData data, List<Object> fixtures, List<AutoCloseable> cleanups) {
            this.data = data;
            this.fixtures = fixtures;
            this.cleanups = cleanups;
        }

        static Resources open(Class<?> testClass) {
            TetoDataTest config = AnnotationSupport.findAnnotation(testClass, TetoDataTest.class)
                    .orElseThrow(() -> new IllegalStateException(testClass.getName() + " lacks @TetoDataTest"));
            List<Object> fixtures = new ArrayList<>();
            List<AutoCloseable> cleanups = new ArrayList<>();
            Map<String, String> settings = new LinkedHashMap<>();
            try {
                for (TestStore store : config.stores()) {
                    TestStore.StoreFixture fixture = store.open(testClass.getSimpleName());
                    cleanups.add(fixture.cleanup());
                    fixtures.add(fixture.fixture());
                    settings.putAll(fixture.settings());
                }
                TetoData.Builder builder = TetoData.builder().configure(settings);
                if (config.scorer() != ProfileScorer.class) {
                    builder = builder.profileScorer(config.scorer().getDeclaredConstructor().newInstance());
                }
                TetoData data = builder.build();
                LOG.debug("{} uses {}", testClass.getName(), fixtures);
                return new Resources(data, fixtures, cleanups);
            } catch (ReflectiveOperationException e) {
                closeAll(cleanups, null);
                throw new IllegalStateException("cannot create the scorer " + config.scorer().getName()
                        + ": it needs a public no-argument constructor", e);
            } catch (RuntimeException | Error e) {
                closeAll(cleanups, e);
                throw e;
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                data.close();
            } finally {
                closeAll(cleanups, null);
            }
        }

        private static void closeAll(List<AutoCloseable> cleanups, Throwable failure) {
            for (int i = cleanups.size() - 1; i >= 0; i--) {
                try {
                    cleanups.get(i).close();
                } catch (Exception e) {
                    if (failure != null) {
                        failure.addSuppressed(e);
                    } else {
                        LOG.warn("cleaning up a test store failed: {}", e.toString());
                    }
                }
            }
        }
    }
}

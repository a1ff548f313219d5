package dev.teto.data.testing;

import dev.teto.data.api.TetoData;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension behind {@link TetoPostgresTest}. Per test class it creates one {@link TestDatabase} and one
 * {@link TetoData} built with {@code TetoData.builder().postgres(db.options()).build()} (which migrates the schema),
 * injects them into parameters of those types, and after the class closes the TetoData, then drops the schema.
 * {@code @Nested} classes reuse the instance of their enclosing class.
 */
public final class TetoPostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(TetoPostgresExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TetoPostgresExtension.class);
    private static final String KEY = "teto-postgres";

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
        return type == TestDatabase.class || type == TetoData.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Resources resources = resources(extensionContext);
        return parameterContext.getParameter().getType() == TestDatabase.class ? resources.db : resources.data;
    }

    /** The instance visible from {@code context} (its own or an enclosing class's), created at class level if none. */
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

    /**
     * One class's database and TetoData. Also AutoCloseable so that JUnit closes it should {@link #afterAll} never
     * run; closing twice is harmless.
     */
    static final class Resources implements AutoCloseable {
        final TestDatabase db;
        final TetoData data;
        private boolean closed;

        private Resources(TestDatabase db, TetoData data) {
            this.db = db;
            this.data = data;
        }

        static Resources open(Class<?> testClass) {
            TestDatabase db = TestDatabase.create(testClass.getSimpleName());
            try {
                TetoData data = TetoData.builder().postgres(db.options()).build();
                LOG.debug("{} uses {}", testClass.getName(), db);
                return new Resources(db, data);
            } catch (RuntimeException | Error e) {
                try {
                    db.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
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
                db.close();
            }
        }
    }
}

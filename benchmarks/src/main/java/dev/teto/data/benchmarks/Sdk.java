package dev.teto.data.benchmarks;

import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;

import java.util.Map;

/** How the benchmarks build the SDK: from flat {@code postgres.*} settings, with the benchmark's scorer. */
final class Sdk {

    /** System property: {@code -Ddispatcher=true} runs the in-process event dispatcher during the benchmark. */
    static final String DISPATCHER_PROPERTY = "dispatcher";

    private Sdk() {
    }

    /**
     * A {@code TetoData} on {@code settings} (pool, timeouts, migrations as the settings say). The event dispatcher
     * is off unless {@code -Ddispatcher=true}: events are still written to the outbox in each transaction, but no
     * background thread delivers them. With no handlers registered it would only mark rows delivered, and on a
     * small machine its thread competes for the CPU with whichever variant is being timed, raw JDBC included.
     */
    static TetoData open(Map<String, String> settings) {
        return TetoData.builder()
                .configure(settings)
                .profileScorer(TrivialScorer.SDK)
                .dispatcher(DispatcherOptions.builder().enabled(dispatcherEnabled()).build())
                .build();
    }

    /** Whether {@link #open} starts the event dispatcher ({@code -Ddispatcher=true}); off by default. */
    static boolean dispatcherEnabled() {
        return Boolean.parseBoolean(System.getProperty(DISPATCHER_PROPERTY, "false"));
    }
}

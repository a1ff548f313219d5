package dev.teto.data.kafka.internal;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code kafka}: whether the cluster answers within two seconds. An unreachable broker is DEGRADED, not DOWN: writes
 * go on, the backlog waits in the outbox ({@code outbox-relay} shows how much) and drains on recovery.
 */
final class KafkaHealth implements HealthIndicator {
    static final String NAME = "kafka";
    private static final int TIMEOUT_MS = 2_000;

    private final Admin admin;

    KafkaHealth(Admin admin) {
        this.admin = admin;
    }

    @Override
    public ComponentHealth check() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("brokers", brokers);
            return ComponentHealth.up(NAME, metrics);
        } catch (Exception e) {
            return ComponentHealth.degraded(NAME, "the cluster does not answer (" + e.getClass().getSimpleName()
                    + "); events wait in the outbox", Map.of());
        }
    }
}

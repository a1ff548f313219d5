package dev.teto.data.api.capability;

import dev.teto.data.api.repository.AssessmentAnalyticsRepository;
import dev.teto.data.api.repository.SystemMetricRepository;
import dev.teto.data.api.repository.UserActivityRepository;

/** What happened and how it went: the activity log, per-assessment analytics, system metrics. */
public interface Analytics extends CapabilityLookup {
    default UserActivityRepository activities() {
        return get(UserActivityRepository.class);
    }

    default AssessmentAnalyticsRepository assessmentAnalytics() {
        return get(AssessmentAnalyticsRepository.class);
    }

    default SystemMetricRepository metrics() {
        return get(SystemMetricRepository.class);
    }
}

package dev.teto.data.core.internal.processing;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.repository.AssessmentAnalyticsRepository;
import dev.teto.data.api.spi.ActivityWriter;
import dev.teto.data.core.processing.ProcessorOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Every processor whose store {@code data} has: the PostgreSQL ones with PostgreSQL, the behavioral-pattern and
 * cohort ones when a store provides their MongoDB repositories, the analytics-events one when a store provides the
 * search index. A processor for a store that is not configured is left out (and {@code Processors.names()} says so).
 */
public final class ProcessorCatalog {
    private ProcessorCatalog() {
    }

    public static List<Processor> available(TetoOperations data, ProcessorOptions options) {
        List<Processor> found = new ArrayList<>();
        if (has(data, ActivityWriter.class)) {
            found.add(new ActivityProcessor());
        }
        if (has(data, AssessmentAnalyticsRepository.class)) {
            found.add(new AssessmentAnalyticsProcessor());
        }
        if (has(data, BehavioralPatternRepository.class)) {
            found.add(new BehavioralPatternProcessor(data.get(BehavioralPatternRepository.class), options));
        }
        if (has(data, CohortAnalyticsRepository.class)) {
            found.add(new CohortProcessor(data.get(CohortAnalyticsRepository.class)));
        }
        if (has(data, AnalyticsEvents.class)) {
            found.add(new AnalyticsEventsProcessor(data.get(AnalyticsEvents.class)));
        }
        return found;
    }

    static boolean has(TetoOperations data, Class<?> type) {
        try {
            data.get(type);
            return true;
        } catch (StoreNotConfiguredException e) {
            return false;
        }
    }
}

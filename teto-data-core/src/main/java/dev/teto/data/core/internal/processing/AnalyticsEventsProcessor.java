package dev.teto.data.core.internal.processing;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.search.AnalyticsEvent;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.core.processing.TrackedActivity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Product events → the {@code analytics_events} search index, one document per event, its id the event id (so a
 * redelivery writes nothing new). Properties are the payload's ids, codes, numbers and times; an
 * {@code assessment.completed}'s answer list becomes its count. A document the index refuses fails the batch, and
 * the stream retries it alone, then dead-letters it.
 */
final class AnalyticsEventsProcessor implements Processor {
    static final Set<String> TYPES = Set.of(TrackedActivity.TYPE, EventTypes.ACTIVITY_RECORDED, EventTypes.USER_REGISTERED,
            EventTypes.SESSION_OPENED, EventTypes.ASSESSMENT_STARTED, EventTypes.ASSESSMENT_COMPLETED,
            EventTypes.PROFILE_CREATED, EventTypes.PROFILE_RESCORED, EventTypes.SUBSCRIPTION_CHANGED);

    private final AnalyticsEvents index;

    AnalyticsEventsProcessor(AnalyticsEvents index) {
        this.index = index;
    }

    @Override
    public String name() {
        return Processors.ANALYTICS_EVENTS;
    }

    @Override
    public Set<String> eventTypes() {
        return TYPES;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public void apply(List<DomainEvent> events) {
        List<AnalyticsEvent> docs = new ArrayList<>(events.size());
        for (DomainEvent e : events) {
            docs.add(document(e));
        }
        BulkResult result = index.recordAll(docs, Refresh.NONE);
        if (result.hasFailures()) {
            throw new IllegalStateException("the analytics_events index refused " + result.failures().size() + " of "
                    + result.submitted() + " documents");
        }
    }

    static AnalyticsEvent document(DomainEvent e) {
        Map<String, Object> properties = new LinkedHashMap<>(e.payload());
        Object answers = properties.remove("answers");
        if (answers instanceof List<?> list) {
            properties.put("answerCount", list.size());
        }
        Object data = properties.remove("activityData");
        if (data instanceof Map<?, ?> map && !map.isEmpty()) {
            properties.put("activityData", data);
        }
        UUID session = Payloads.uuidOrNull(e.payload(), "sessionId");
        UUID user = EventTypes.AGGREGATE_USER.equals(e.aggregateType()) ? e.aggregateId() : null;
        properties.put("schemaVersion", e.version());
        return new AnalyticsEvent(e.id(), e.type(), user, session, e.occurredAt(), properties, null, null);
    }
}

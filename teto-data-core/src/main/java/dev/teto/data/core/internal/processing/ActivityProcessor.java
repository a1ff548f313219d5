package dev.teto.data.core.internal.processing;

import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.spi.ActivityWriter;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.core.processing.TrackedActivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code activity.tracked} → {@code user_activities}: a whole batch in one multi-row insert. */
public final class ActivityProcessor implements Processor {

    @Override
    public String name() {
        return Processors.ACTIVITIES;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(TrackedActivity.TYPE);
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void applyInTransaction(TxContext tx, List<DomainEvent> events) {
        List<NewUserActivity> rows = new ArrayList<>(events.size());
        for (DomainEvent e : events) {
            Payloads.requireVersion(e, 1);
            Map<String, Object> p = e.payload();
            rows.add(new NewUserActivity(e.aggregateId(), Payloads.text(p, "activityType"),
                    Payloads.object(p, "activityData"), null, null, Payloads.uuidOrNull(p, "sessionId"), e.occurredAt()));
        }
        tx.get(ActivityWriter.class).insertAll(rows);
    }

}

package dev.teto.data.core.internal.rules;

import dev.teto.data.core.internal.privacy.PersonalFields;
import dev.teto.data.core.internal.tx.Unit;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.UserActivity;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.UserActivityRepository;
import dev.teto.data.api.spi.ActivityWriter;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.core.internal.tx.Runner;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The activity log: only live users' activities are recorded, each as an event. */
public final class ActivityRules extends PortCalls<UserActivityRepository> implements UserActivityRepository {

    private final PersonalFields fields;

    public ActivityRules(Runner runner, PersonalFields fields) {
        super(runner, UserActivityRepository.class);
        this.fields = fields;
    }

    /** The user agent is sealed under the user's key; anonymous activity (no user) has no key and stays plain. */
    private NewUserActivity seal(Unit unit, NewUserActivity a) {
        return new NewUserActivity(a.userId(), a.activityType(), a.activityData(), a.ipAddress(),
                fields.seal(unit, a.userId(), a.userAgent()), a.sessionId(), a.createdAt());
    }

    private UserActivity open(Unit unit, UserActivity a) {
        return new UserActivity(a.id(), a.userId(), a.activityType(), a.activityData(), a.ipAddress(),
                fields.open(unit, a.userId(), a.userAgent()), a.sessionId(), a.createdAt());
    }

    @Override
    public UserActivity record(NewUserActivity activity) {
        return unit((unit, activities) -> {
            Liveness.requireLive(unit, activity.userId());
            UserActivity recorded = activities.record(seal(unit, activity));
            unit.publish(Events.activityRecorded(recorded));
            return open(unit, recorded);
        });
    }

    @Override
    public int recordAll(List<NewUserActivity> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        return unit((unit, activities) -> {
            Liveness.requireAllLive(unit, batch.stream().map(NewUserActivity::userId).toList());
            List<UserActivity> recorded = unit.port(ActivityWriter.class)
                    .insertAll(batch.stream().map(a -> seal(unit, a)).toList());
            recorded.forEach(a -> unit.publish(Events.activityRecorded(a)));
            return recorded.size();
        });
    }

    @Override
    public Optional<UserActivity> findById(UUID id) {
        return unit((unit, activities) -> activities.findById(id).map(a -> open(unit, a)));
    }

    @Override
    public Page<UserActivity> listByUser(UUID userId, TimeRange range, PageRequest page) {
        return unit((unit, activities) -> activities.listByUser(userId, range, page).map(a -> open(unit, a)));
    }

    @Override
    public int ensurePartitions(int monthsAhead) {
        Check.range("monthsAhead", monthsAhead, 0, 120);
        return call(activities -> activities.ensurePartitions(monthsAhead));
    }
}

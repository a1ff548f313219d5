package dev.teto.data.api.search;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.error.ValidationException;

import java.time.Duration;

/** A calendar bucket width for histograms, in UTC. */
public enum Interval {
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1)),
    WEEK("1w", Duration.ofDays(7)),
    MONTH("1M", Duration.ofDays(28));

    /** The most buckets one histogram may have; a wider range is refused rather than left to overload the server. */
    public static final long MAX_BUCKETS = 10_000;

    private final String calendarInterval;
    private final Duration shortest;

    Interval(String calendarInterval, Duration shortest) {
        this.calendarInterval = calendarInterval;
        this.shortest = shortest;
    }

    /** @throws ValidationException naming {@code range} when it spans more than {@link #MAX_BUCKETS} buckets */
    public TimeRange requireBucketsWithin(TimeRange range) {
        long buckets = Duration.between(range.from(), range.to()).toMillis() / shortest.toMillis() + 1;
        if (buckets > MAX_BUCKETS) {
            throw new ValidationException("range", null, "spans more than " + MAX_BUCKETS + " buckets of " + name()
                    + "; narrow it or choose a wider interval");
        }
        return range;
    }

    /** Elasticsearch's {@code calendar_interval} for it. */
    public String calendarInterval() {
        return calendarInterval;
    }
}

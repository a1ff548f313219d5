package dev.teto.data.api.search;

/** A calendar bucket width for histograms, in UTC. */
public enum Interval {
    HOUR("1h"),
    DAY("1d"),
    WEEK("1w"),
    MONTH("1M");

    private final String calendarInterval;

    Interval(String calendarInterval) {
        this.calendarInterval = calendarInterval;
    }

    /** Elasticsearch's {@code calendar_interval} for it. */
    public String calendarInterval() {
        return calendarInterval;
    }
}

package dev.teto.data.core;

import java.time.Duration;

/**
 * Totals of one kind of call a host made through {@code TetoData} since it was built, e.g. {@code UserRepository}
 * {@code findById}: how many, how many failed, and the time spent in them (validation, the store's work, core's
 * rules). Published by {@code TetoDataMeters} as the timer {@code teto.calls} (tags {@code capability}, {@code method}).
 */
public record CallStatistics(String capability, String method, long calls, long failures, Duration totalTime) {

    /** Mean time per call; zero before the first. */
    public Duration mean() {
        return calls == 0 ? Duration.ZERO : totalTime.dividedBy(calls);
    }
}

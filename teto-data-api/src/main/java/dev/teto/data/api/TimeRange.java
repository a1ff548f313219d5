package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;

import java.time.Instant;

/** A half-open time range, {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Check.required("from", from);
        Check.required("to", to);
        Check.instant("from", from);
        Check.instant("to", to);
        if (!to.isAfter(from)) {
            throw new ValidationException("to", to, "must be after from " + from);
        }
    }

    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }
}

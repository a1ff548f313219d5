package dev.teto.data.api;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.search.ContentQuery;
import dev.teto.data.api.search.Interval;
import dev.teto.data.api.validation.Check;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad input found by a host trial: each is a ValidationException naming the field, never a NullPointerException. */
class HostTrialInputTest {

    @Test
    void nullListElementsNameTheirIndex() {
        assertEquals("tags[1]", assertThrows(ValidationException.class,
                () -> ContentQuery.text("x").withTags(Arrays.asList("a", null))).field());
        assertEquals("personalityTypes[0]", assertThrows(ValidationException.class,
                () -> ContentQuery.text("x").withPersonalityTypes(Arrays.asList((String) null))).field());
    }

    @Test
    void aRateLimitNeedsAPeriod() {
        assertEquals("period", assertThrows(ValidationException.class, () -> new RateLimit(5, null)).field());
    }

    @Test
    void aHistogramOfTooManyBucketsIsRefusedBeforeTheServerIsAsked() {
        TimeRange century = new TimeRange(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2070-01-01T00:00:00Z"));
        assertEquals("range", assertThrows(ValidationException.class,
                () -> Interval.HOUR.requireBucketsWithin(century)).field());
        assertEquals(century, Interval.MONTH.requireBucketsWithin(century));
    }

    @Test
    void codesAreLettersDigitsAndAFewMarks() {
        assertEquals("INTJ-a_1.b:c", Check.code("t", "INTJ-a_1.b:c"));
        for (String bad : new String[] {"", "INTJ DROP {$gt:1}", "a{b}", "한국", "x".repeat(51), "-lead"}) {
            ValidationException e = assertThrows(ValidationException.class, () -> Check.code("personalityType", bad));
            assertEquals("personalityType", e.field());
        }
    }
}

package dev.teto.data.core.internal.processing;

import dev.teto.data.api.content.NewBehavioralPattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponsePatternsTest {
    private static final Instant DONE = Instant.parse("2026-11-25T10:00:00Z");

    private static List<Map<String, Object>> answers(int[] values, int[] millis) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            list.add(Map.of("questionId", "q" + i, "value", values[i], "responseTimeMs", millis[i]));
        }
        return list;
    }

    @Test
    void tooFastAnswersAndStraightLinesAreAnomalies() {
        List<NewBehavioralPattern> p = ResponsePatterns.of(UUID.randomUUID(), UUID.randomUUID(), DONE,
                answers(new int[] {2, 4, 4, 4, 4, 1}, new int[] {200, 3000, 3000, 400, 3000, 1000}),
                Duration.ofMillis(800), 4);
        NewBehavioralPattern times = p.get(0);
        assertEquals(ResponsePatterns.RESPONSE_TIME, times.patternType());
        assertEquals(2, times.anomalies().size());
        assertEquals(200.0, times.anomalies().get(0).value());
        assertEquals(0.75, times.anomalies().get(0).confidence(), 1e-9);
        assertEquals(0.5, times.anomalies().get(1).confidence(), 1e-9, "1 - 400/800");
        assertEquals(DONE, times.timestamps().get(5), "the last answer ends at completion");
        assertEquals(DONE.minusMillis(10_600 - 200), times.timestamps().get(0));
        assertEquals(1.0, times.confidenceScore());

        NewBehavioralPattern lines = p.get(1);
        assertEquals(ResponsePatterns.STRAIGHT_LINING, lines.patternType());
        assertEquals(1, lines.anomalies().size());
        assertEquals(4.0, lines.anomalies().get(0).value());
        assertEquals(times.timestamps().get(4), lines.anomalies().get(0).timestamp(), "at the run's last answer");
        assertEquals(4.0 / 6, lines.confidenceScore(), 1e-9);
    }
}

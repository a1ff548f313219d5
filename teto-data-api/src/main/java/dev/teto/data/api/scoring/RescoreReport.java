package dev.teto.data.api.scoring;

import java.time.Duration;

/**
 * What a re-score did.
 *
 * @param scorer    the version profiles were made with
 * @param scanned   completed assessments looked at by this call
 * @param rescored  new profile versions written by this call
 * @param skipped   assessments that already had a profile of this version
 * @param resumed   whether this call continued a run an earlier call left unfinished
 * @param took      wall time of this call
 */
public record RescoreReport(ScorerVersion scorer, long scanned, long rescored, long skipped, boolean resumed,
        Duration took) {
}

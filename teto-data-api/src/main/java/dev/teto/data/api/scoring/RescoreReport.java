package dev.teto.data.api.scoring;

import java.time.Duration;

/**
 * What a re-score did.
 *
 * @param scorer    the version profiles were made with
 * @param scanned   completed assessments looked at by this call
 * @param rescored  new profile versions written by this call
 * @param skipped   assessments looked at and left alone: they already had a profile of this version, or their
 *                  owner is soft-deleted
 * @param resumed   whether this call continued a run that had already begun: one an earlier call left unfinished,
 *                  or one another runner of the same version is working through now (they take turns by batch)
 * @param took      wall time of this call
 */
public record RescoreReport(ScorerVersion scorer, long scanned, long rescored, long skipped, boolean resumed,
        Duration took) {
}

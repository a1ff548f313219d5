package dev.teto.data.api.spi;

import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.api.scoring.ScoringInput;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Transactional: the storage steps of re-scoring. Core's re-scoring decides which assessment gets which profile;
 * this port reads batches and writes versions. Every method works on a batch, so a batch costs a few statements.
 */
public interface ProfileVersions {

    /**
     * Up to {@code limit} completed assessments with ids after {@code after} (from the first when null), by id, each
     * with what core's re-scoring decides on: whether its owner is active (not soft-deleted) and whether
     * {@code scorer} already made a profile of it. One read, since a batch is a few statements.
     */
    List<Candidate> completedAfter(UUID after, int limit, ScorerVersion scorer);

    /** How many completed assessments have ids after {@code after} (all when null). */
    long countCompletedAfter(UUID after);

    /** The answers of each assessment, each beside its question, in question order. */
    Map<UUID, List<ScoringInput.Item>> answeredQuestions(Collection<UUID> assessmentIds);

    /**
     * Stores each profile as its assessment's current one; the profile that was current stays, no longer current.
     * Returns, in input order, each stored profile beside the one it replaced as current. A stored profile carries
     * the row's id, timestamps and current flag, and the draft's content as given (not read back).
     */
    List<Superseded> supersede(List<NewProfile> profiles);

    /** A completed assessment that re-scoring visits. */
    record Candidate(Assessment assessment, boolean ownerActive, boolean scored) {
    }

    /** @param previous the profile that was current until now; null when the assessment had none */
    record Superseded(Profile profile, Previous previous) {
    }

    /** The replaced current profile, as {@code profile.rescored} names it. */
    record Previous(UUID id, String personalityType, java.time.Instant createdAt) {
    }

    /** The run of {@code scorer}, created at the start when missing, locked for the rest of the transaction. */
    RescoreRun lockRun(ScorerVersion scorer);

    void saveRun(RescoreRun run);

    /**
     * Where a re-score run of one scorer version stands.
     *
     * @param position   the last assessment id of the last committed batch; null before the first
     * @param finished   whether the last pass reached the end
     */
    record RescoreRun(ScorerVersion scorer, UUID position, long scanned, long rescored, long skipped,
            boolean finished) {

        public RescoreRun restart() {
            return new RescoreRun(scorer, null, 0, 0, 0, false);
        }

        public RescoreRun advance(UUID last, long batchScanned, long batchRescored, long batchSkipped, boolean end) {
            return new RescoreRun(scorer, last, scanned + batchScanned, rescored + batchRescored,
                    skipped + batchSkipped, end);
        }

        public Optional<UUID> after() {
            return Optional.ofNullable(position);
        }
    }
}

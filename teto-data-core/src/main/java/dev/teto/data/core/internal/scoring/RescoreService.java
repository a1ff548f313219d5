package dev.teto.data.core.internal.scoring;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.RescoreOptions;
import dev.teto.data.api.scoring.RescoreReport;
import dev.teto.data.api.scoring.Rescoring;
import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.api.spi.ProfileVersions;
import dev.teto.data.api.spi.ProfileVersions.Candidate;
import dev.teto.data.api.spi.ProfileVersions.RescoreRun;
import dev.teto.data.api.spi.ProfileVersions.Superseded;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.flow.AnswerText;
import dev.teto.data.core.internal.tx.Runner;
import dev.teto.data.core.internal.tx.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-scoring: batches of completed assessments in id order, each batch one unit that scores, stores the new
 * current versions, publishes {@code profile.rescored} and moves the run's position, so a crash loses at most the
 * batch in flight and a restart resumes after the last committed one. Two runners of one version take turns on
 * the run's row lock and continue from each other's position.
 */
public final class RescoreService implements Rescoring {
    private static final Logger LOG = LoggerFactory.getLogger(RescoreService.class);

    private final Runner runner;
    private final AnswerText text;

    public RescoreService(Runner runner, AnswerText text) {
        this.runner = runner;
        this.text = text;
    }

    @Override
    public RescoreReport rescore(ProfileScorer scorer, RescoreOptions options) {
        ScorerVersion version = ScorerVersion.of(scorer);
        if (ProfileScorer.UNNAMED.equals(version.name())) {
            // Versions are how re-scoring tells models apart: two unnamed lambdas would look like one.
            throw new ValidationException("scorerName", null, "is required to re-score: use ProfileScorer.named("
                    + "name, version, scorer) or override name() and version()");
        }
        Check.required("options", options);
        long started = System.nanoTime();
        Start start = runner.run(unit -> begin(unit, version));
        LOG.info("re-score {}: {} from position {}", version, start.resumed() ? "resuming" : "starting",
                start.run().scanned());
        long total = start.run().scanned() + start.remaining();
        options.progress().progress(start.run().scanned(), total);
        Batch batch;
        long scanned = 0;
        long rescored = 0;
        long skipped = 0;
        do {
            batch = runner.run(unit -> rescoreBatch(unit, scorer, version, options.batchSize()));
            scanned += batch.scanned();
            rescored += batch.rescored();
            skipped += batch.skipped();
            options.progress().progress(batch.run().scanned(), Math.max(total, batch.run().scanned()));
        } while (!batch.run().finished());
        LOG.info("re-score {} finished: {} scanned, {} re-scored, {} skipped", version, scanned, rescored, skipped);
        return new RescoreReport(version, scanned, rescored, skipped, start.resumed(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** A finished run asked again starts over: it re-scores only what has no profile of this version yet. */
    private static Start begin(Unit unit, ScorerVersion version) {
        ProfileVersions versions = unit.port(ProfileVersions.class);
        RescoreRun run = versions.lockRun(version);
        boolean resumed = !run.finished() && run.position() != null;
        if (run.finished()) {
            run = run.restart();
            versions.saveRun(run);
        }
        return new Start(run, resumed, versions.countCompletedAfter(run.position()));
    }

    private record Start(RescoreRun run, boolean resumed, long remaining) {
    }

    private Batch rescoreBatch(Unit unit, ProfileScorer scorer, ScorerVersion version, int size) {
        ProfileVersions versions = unit.port(ProfileVersions.class);
        RescoreRun run = versions.lockRun(version);
        if (run.finished()) {
            return new Batch(run, 0, 0, 0);   // another runner finished it meanwhile
        }
        List<Candidate> batch = versions.completedAfter(run.position(), size, version);
        List<Assessment> due = batch.stream().filter(RescoreService::due).map(Candidate::assessment).toList();
        List<Superseded> stored = store(unit, versions, scorer, version, due);
        UUID last = batch.isEmpty() ? run.position() : batch.get(batch.size() - 1).assessment().id();
        RescoreRun next = run.advance(last, batch.size(), stored.size(), batch.size() - stored.size(),
                batch.size() < size);
        versions.saveRun(next);
        return new Batch(next, batch.size(), stored.size(), batch.size() - stored.size());
    }

    /** Skips what this version scored already, and soft-deleted users: nothing new is written for them. */
    private static boolean due(Candidate candidate) {
        return candidate.ownerActive() && !candidate.scored();
    }

    private List<Superseded> store(Unit unit, ProfileVersions versions, ProfileScorer scorer, ScorerVersion version,
            List<Assessment> due) {
        if (due.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = due.stream().map(Assessment::id).toList();
        Map<UUID, List<ScoringInput.Item>> answers = versions.answeredQuestions(ids);
        List<NewProfile> drafts = new ArrayList<>(due.size());
        for (Assessment assessment : due) {
            // As at completion: the scorer sees free text opened.
            List<ScoringInput.Item> items = text.open(unit, answers.get(assessment.id()));
            ProfileDraft draft = scorer.score(new ScoringInput(assessment, items));
            Check.required("scorer result", draft).validate();
            drafts.add(new NewProfile(assessment.userId(), assessment.id(), draft, version));
        }
        List<Superseded> stored = versions.supersede(drafts);
        for (int i = 0; i < stored.size(); i++) {   // supersede keeps the input's order: drafts follow due
            Superseded s = stored.get(i);
            unit.publish(Events.profileRescored(s.profile(), s.previous(), due.get(i).completedAt()));
        }
        return stored;
    }

    private record Batch(RescoreRun run, long scanned, long rescored, long skipped) {
    }
}

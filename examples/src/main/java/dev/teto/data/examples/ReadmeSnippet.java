package dev.teto.data.examples;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.KeyProviders;
import dev.teto.data.api.privacy.KeyProvider;
import dev.teto.data.cli.demo.TetoEgenQuestions;
import dev.teto.data.cli.demo.TetoEgenScorer;
import dev.teto.data.postgres.PostgresOptions;

import java.time.Instant;
import java.util.Map;

/**
 * The README's embedding snippet, verbatim between the markers, so that {@code ReadmeSnippetIT} proves it runs as
 * written. Keep the two in step.
 */
public final class ReadmeSnippet {
    private ReadmeSnippet() {
    }

    public static Profile run(Map<String, String> config) {
        // README-SNIPPET-START
        PostgresOptions pg = PostgresOptions.builder()
                .jdbcUrl(config.get("db.url")).username(config.get("db.user")).password(config.get("db.password"))
                .migrationCredentials(config.get("db.owner"), config.get("db.owner-password")) // migrates, owns tables
                .schema(config.get("db.schema")).maximumPoolSize(20)
                .build();
        KeyProvider keys = KeyProviders.fromSettings(config).orElseThrow(); // privacy.master-keys etc., from your secrets
        try (TetoData data = TetoData.builder().with(pg).keys(keys).profileScorer(new TetoEgenScorer()).build()) {
            data.questions().createAll(TetoEgenQuestions.all());               // seed the 28-question set once
            User mina = data.users().create(NewUser.of("mina@example.com", "Mina"));
            Assessment a = data.assessmentFlow().start(mina.id(), TetoEgenQuestions.VERSION);
            for (Question q : data.questions().listActive(TetoEgenQuestions.VERSION, PageRequest.first(100)).items()) {
                data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 4));  // idempotent per question
            }
            Profile profile = data.assessmentFlow().complete(a.id());          // score + complete + store: one tx
            data.useTransaction(tx -> tx.subscriptions()
                    .create(NewSubscription.of(mina.id(), "premium", Instant.now(), null)));
            return profile;
        }
        // README-SNIPPET-END
    }
}

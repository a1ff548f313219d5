package dev.teto.data.cli.command;

import dev.teto.data.api.search.DriftReport;
import dev.teto.data.api.search.ProgressListener;
import dev.teto.data.api.search.ReindexReport;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.cli.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code data.get(SearchAdmin.class)}: rebuild an index behind its alias, or repair its drift from the source. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Rebuild or reconcile a search index against its source of truth.",
        subcommands = {SearchCommand.Reindex.class, SearchCommand.Reconcile.class})
public final class SearchCommand {

    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Build <alias>_v<n+1> from the source while live writes go on, then swap the alias atomically.")
    static final class Reindex extends CliCommand {
        @Parameters(paramLabel = "INDEX", converter = IndexName.class, description = "user_search, content_search or analytics_events.")
        SearchIndex index;

        @Override
        protected int run(CliContext context) {
            SearchIndex target = index;
            SearchAdmin admin = context.data().get(SearchAdmin.class);   // not configured: no progress line first
            ReindexReport report;
            try (PhaseProgress progress = new PhaseProgress(context, "reindex " + target.alias())) {
                report = admin.reindex(target, progress);
            }
            context.out().println(target.alias() + ": " + report.fromIndex() + " -> " + report.toIndex() + ", "
                    + report.written() + " written, " + report.skipped() + " skipped (newer live write), "
                    + report.tookMillis() + " ms");
            return ExitCodes.OK;
        }
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = "Compare the source of truth with the index and repair missing, extra and stale documents.")
    static final class Reconcile extends CliCommand {
        @Parameters(paramLabel = "INDEX", converter = IndexName.class, description = "user_search or content_search.")
        SearchIndex index;

        @Override
        protected int run(CliContext context) {
            SearchIndex target = index;
            SearchAdmin admin = context.data().get(SearchAdmin.class);   // not configured: no progress line first
            DriftReport report;
            try (PhaseProgress progress = new PhaseProgress(context, "reconcile " + target.alias())) {
                report = admin.reconcile(target, progress);
            }
            print(context.out(), report);
            return ExitCodes.OK;
        }
    }

    /** An index by alias ({@code user_search}) or constant name; a wrong one is a usage error (exit 2). */
    static final class IndexName implements ITypeConverter<SearchIndex> {
        @Override
        public SearchIndex convert(String name) {
            for (SearchIndex index : SearchIndex.values()) {
                if (index.alias().equalsIgnoreCase(name) || index.name().equalsIgnoreCase(name)) {
                    return index;
                }
            }
            throw new TypeConversionException("INDEX must be one of " + Arrays.stream(SearchIndex.values())
                    .map(SearchIndex::alias).collect(Collectors.joining(", ")));
        }
    }

    static void print(PrintWriter out, DriftReport r) {
        out.println(r.index().alias() + ": " + r.sourceDocuments() + " in the source, " + r.indexedDocuments()
                + " indexed; missing " + r.missing() + ", extra " + r.extra() + ", stale " + r.stale()
                + "; repaired " + r.repaired() + (r.inSync() ? " (was in sync)" : ""));
        // Ids only (never document content): a sample to look into.
        sample(out, "missing", r.missingIds().size(), String.join(" ", r.missingIds()));
        sample(out, "extra", r.extraIds().size(), String.join(" ", r.extraIds()));
        sample(out, "stale", r.staleIds().size(), String.join(" ", r.staleIds()));
    }

    private static void sample(PrintWriter out, String label, int count, String ids) {
        if (count > 0) {
            out.println("  " + label + " (sample): " + ids);
        }
    }

    /** One {@link Progress} per phase the admin reports ({@code scan-source}, {@code copy}, ...). */
    static final class PhaseProgress implements ProgressListener, AutoCloseable {
        private final CliContext context;
        private final String task;
        private String phase;
        private Progress current = Progress.none();

        PhaseProgress(CliContext context, String task) {
            this.context = context;
            this.task = task;
        }

        @Override
        public void progress(String name, long done, long total) {
            if (!name.equals(phase)) {
                current.close();
                phase = name;
                current = context.progress(task + " " + name, total);
            }
            current.total(total);
            current.stepTo(done);
        }

        @Override
        public void close() {
            current.close();
        }
    }
}

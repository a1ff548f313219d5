package dev.teto.data.cli.command;

import dev.teto.data.api.scoring.RescoreReport;

/** Opens {@link RescoreCommand}'s package-private summary to tests in other packages. */
public final class RescoreCommandAccess {
    private RescoreCommandAccess() {
    }

    public static String summary(RescoreReport report, long doneBefore, long total) {
        return RescoreCommand.summary(report, doneBefore, total);
    }
}

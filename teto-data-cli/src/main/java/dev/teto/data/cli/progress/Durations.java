package dev.teto.data.cli.progress;

/** Short human durations for progress lines. */
public final class Durations {
    private Durations() {
    }

    /** {@code 12s}, {@code 3m05s}, {@code 2h07m}. */
    public static String compact(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}

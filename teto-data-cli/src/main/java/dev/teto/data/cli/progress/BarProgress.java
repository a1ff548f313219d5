package dev.teto.data.cli.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A terminal bar (me.tongfei:progressbar) with rate and ETA, drawn on the command's writer. */
final class BarProgress implements Progress {
    private final ProgressBar bar;

    BarProgress(String task, long total, PrintWriter out) {
        // The consumer wants a PrintStream; this one forwards to picocli's writer so tests and redirects see it.
        PrintStream stream = new PrintStream(new WriterOutputStream(out), false, StandardCharsets.UTF_8);
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total < 0 ? -1 : total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
    }

    @Override
    public void stepTo(long done) {
        bar.stepTo(done);
    }

    @Override
    public void total(long total) {
        bar.maxHint(total < 0 ? -1 : total);
    }

    @Override
    public void close() {
        bar.close();
    }
}

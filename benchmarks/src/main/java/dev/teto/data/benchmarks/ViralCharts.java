package dev.teto.data.benchmarks;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The viral-peak plots, drawn headless with JFreeChart: answers per second over time (one line per phase, 1 s
 * buckets), and the latency distribution of an answer call (latency against percentile, log scale).
 */
final class ViralCharts {

    static final String THROUGHPUT_PNG = "viral-peak-throughput.png";
    static final String LATENCY_PNG = "viral-peak-latency.png";
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private ViralCharts() {
    }

    /** Writes both PNGs into {@code dir} (created if missing); returns their paths. */
    static List<Path> write(List<ViralPhase.Result> phases, String subtitle, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Path throughput = dir.resolve(THROUGHPUT_PNG);
        Path latency = dir.resolve(LATENCY_PNG);
        ChartUtils.saveChartAsPNG(throughput.toFile(), throughput(phases, subtitle), WIDTH, HEIGHT);
        ChartUtils.saveChartAsPNG(latency.toFile(), latency(phases, subtitle), WIDTH, HEIGHT);
        return List.of(throughput, latency);
    }

    private static JFreeChart throughput(List<ViralPhase.Result> phases, String subtitle) {
        XYSeriesCollection lines = new XYSeriesCollection();
        for (ViralPhase.Result phase : phases) {
            XYSeries series = new XYSeries(phase.name(), true, false);
            long[] finished = phase.recorder().finishTimes(false);
            int buckets = (int) Math.ceil(phase.seconds());
            int[] perSecond = new int[Math.max(1, buckets)];
            for (long at : finished) {
                perSecond[(int) Math.min(perSecond.length - 1, at / 1_000_000_000L)]++;
            }
            for (int s = 0; s < perSecond.length; s++) {
                series.add(s + 0.5, perSecond[s]);
            }
            lines.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Viral peak: answers per second over time",
                "seconds since the phase started", "answers/s (1 s buckets)", lines, PlotOrientation.VERTICAL,
                true, false, false);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
        return chart;
    }

    private static JFreeChart latency(List<ViralPhase.Result> phases, String subtitle) {
        XYSeriesCollection lines = new XYSeriesCollection();
        double[] percentiles = percentiles();
        for (ViralPhase.Result phase : phases) {
            for (ViralRecorder.Kind kind : List.of(ViralRecorder.Kind.ANSWER, ViralRecorder.Kind.COMPLETE)) {
                long[] sorted = phase.recorder().sorted(kind);
                if (sorted.length == 0) {
                    continue;
                }
                XYSeries series = new XYSeries(phase.name() + ": " + kind.label, true, false);
                for (double p : percentiles) {
                    series.add(p, Math.max(0.001, ViralRecorder.micros(sorted, p / 100) / 1000.0));
                }
                lines.addSeries(series);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Viral peak: latency distribution",
                "percentile", "latency, ms (log scale)", lines, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis axis = new LogarithmicAxis("latency, ms (log scale)");
        axis.setAllowNegativesFlag(false);
        plot.setRangeAxis(axis);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
        return chart;
    }

    /** 1 to 99 in steps of 1, then finer up to 99.9 where the tail lives. */
    private static double[] percentiles() {
        double[] values = new double[99 + 9];
        for (int i = 0; i < 99; i++) {
            values[i] = i + 1;
        }
        for (int i = 0; i < 9; i++) {
            values[99 + i] = 99.1 + i * 0.1;
        }
        return values;
    }
}

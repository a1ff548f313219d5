package dev.teto.data.cli.demo;

import dev.teto.data.cli.demo.ReportData.AnswerTimes;
import dev.teto.data.cli.demo.ReportData.CohortPoint;
import dev.teto.data.cli.demo.TetoEgenScorer.Type;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code demo report}'s output into a directory: one PNG per chart and {@value #INDEX}, which shows them with
 * their figures. Charts whose store is not configured are left out, and the page says why.
 */
public final class DemoReportWriter {
    public static final String INDEX = "index.html";
    public static final String TYPES = "type-distribution.png";
    public static final String FUNNEL = "completion-funnel.png";
    public static final String TIMES = "answer-times.png";
    public static final String COHORTS = "cohort-upgrades.png";
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;

    static {
        // JFreeChart draws with AWT: never try to open a display, on a server or in CI
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private DemoReportWriter() {
    }

    /** Writes the charts and the page into {@code dir} (created if missing); returns the files written. */
    public static List<Path> write(ReportData data, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            section(body, files, dir, TYPES, DemoCharts.typeDistribution(data), typeTable(data));
            section(body, files, dir, FUNNEL, DemoCharts.funnel(data), funnelNote(data));
            if (data.answerTimes() != null) {
                section(body, files, dir, TIMES, DemoCharts.answerTimes(data.answerTimes()), timesNote(data.answerTimes()));
            } else {
                body.append(missing("Answer times", "behavioral_patterns"));
            }
            if (data.cohorts().stream().anyMatch(c -> c.upgradeRate() != null)) {
                section(body, files, dir, COHORTS, DemoCharts.cohortUpgrades(data.cohorts()), cohortTable(data));
            } else {
                body.append(missing("Cohort upgrades", "cohort_analytics (with upgrade rates: run demo seed)"));
            }
            Path index = dir.resolve(INDEX);
            Files.writeString(index, page(body), StandardCharsets.UTF_8);
            files.add(index);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report into " + dir, e);
        }
    }

    private static void section(StringBuilder body, List<Path> files, Path dir, String file, JFreeChart chart,
            String figures) throws IOException {
        Path png = dir.resolve(file);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        files.add(png);
        body.append("<section>\n<h2>").append(escape(chart.getTitle().getText())).append("</h2>\n")
                .append("<img src=\"").append(file).append("\" width=\"").append(WIDTH).append("\" alt=\"")
                .append(escape(chart.getTitle().getText())).append("\">\n").append(figures).append("</section>\n");
    }

    private static String typeTable(ReportData data) {
        StringBuilder t = new StringBuilder("<table><tr><th>Type</th><th>Name</th><th>Current profiles</th></tr>\n");
        data.typeCounts().forEach((code, n) -> t.append("<tr><td>").append(code).append("</td><td>")
                .append(escape(Type.valueOf(code).typeName())).append("</td><td>").append(n).append("</td></tr>\n"));
        return t.append("</table>\n").toString();
    }

    private static String funnelNote(ReportData data) {
        StringBuilder t = new StringBuilder("<p>Takers who answered question k, of ").append(data.takers())
                .append(" who started: ");
        for (int k = 1; k <= data.answered().size(); k++) {
            t.append(k == 1 ? "" : ", ").append('Q').append(k).append(' ').append(data.answered().get(k - 1));
        }
        return t.append(".</p>\n").toString();
    }

    private static String timesNote(AnswerTimes t) {
        return String.format(Locale.ROOT, "<p>%d answers of %d completed tests; %d answers in %d tests were flagged "
                + "too fast (under 0.8 s) by the behavioral-pattern processor (red).</p>%n", t.answers(),
                t.assessments(), t.flaggedAnswers(), t.flaggedAssessments());
    }

    private static String cohortTable(ReportData data) {
        StringBuilder t = new StringBuilder("<table><tr><th>Month</th><th>Type</th><th>Users</th><th>Upgrade rate</th></tr>\n");
        for (CohortPoint c : data.cohorts()) {
            t.append("<tr><td>").append(c.month()).append("</td><td>").append(c.type()).append("</td><td>")
                    .append(c.userCount()).append("</td><td>").append(c.upgradeRate() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * c.upgradeRate())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String missing(String chart, String store) {
        return "<section><h2>" + escape(chart) + "</h2><p>Not drawn: no figures in " + escape(store)
                + " (is MongoDB configured?).</p></section>\n";
    }

    private static String page(StringBuilder body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Teto-Egen demo report</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1040px;margin:2em auto}img{max-width:100%}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                + "</style></head><body>\n<h1>Teto-Egen demo report</h1>\n" + body + "</body></html>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

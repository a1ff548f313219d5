package dev.teto.data.cli.demo;

import dev.teto.data.cli.demo.ReportData.AnswerTimes;
import dev.teto.data.cli.demo.ReportData.CohortPoint;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The four charts of {@code demo report}, drawn with JFreeChart from a {@link ReportData}. Labels are English only:
 * a headless server often has no CJK font, and Hangul would render as boxes (the HTML page carries the Korean names).
 */
final class DemoCharts {
    static final Color BLUE = new Color(0x3b6ea8);
    static final Color RED = new Color(0xc0392b);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Map<String, String> SHORT_NAMES = Map.of(
            "TETO_M", "Teto man-type", "TETO_F", "Teto woman-type",
            "EGEN_M", "Egen man-type", "EGEN_F", "Egen woman-type");

    private DemoCharts() {
    }

    static String label(String typeCode) {
        return SHORT_NAMES.getOrDefault(typeCode, typeCode) + " (" + typeCode + ")";
    }

    /** Bars: current profiles per type, each labelled with its count and share. */
    static JFreeChart typeDistribution(ReportData data) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        data.typeCounts().forEach((type, n) -> ds.addValue(n, "profiles", label(type)));
        JFreeChart chart = ChartFactory.createBarChart("Personality type distribution (" + data.profiles()
                + " current profiles)", "Personality type", "Current profiles", ds, PlotOrientation.VERTICAL,
                false, false, false);
        BarRenderer r = bars(chart, BLUE);
        long total = Math.max(1, data.profiles());
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset d, int row, int column) {
                long n = d.getValue(row, column).longValue();
                return n + String.format(Locale.ROOT, " (%.1f%%)", 100.0 * n / total);
            }
        });
        r.setDefaultItemLabelsVisible(true);
        integerAxis(chart.getCategoryPlot()).setUpperMargin(0.12);
        return chart;
    }

    /** Bars: of the takers who started, how many answered question k. */
    static JFreeChart funnel(ReportData data) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<Long> answered = data.answered();
        for (int k = 1; k <= answered.size(); k++) {
            ds.addValue(answered.get(k - 1), "takers", Integer.toString(k));
        }
        long last = answered.isEmpty() ? 0 : answered.get(answered.size() - 1);
        JFreeChart chart = ChartFactory.createBarChart(String.format(Locale.ROOT,
                "Completion funnel: %d takers started, %d answered all %d questions", data.takers(), last,
                answered.size()), "Question number", "Takers who answered it", ds, PlotOrientation.VERTICAL,
                false, false, false);
        bars(chart, BLUE).setItemMargin(0);
        NumberAxis y = integerAxis(chart.getCategoryPlot());
        y.setUpperBound(Math.max(1, data.takers()) * 1.05);
        return chart;
    }

    /** Stacked histogram of response times; the answers the behavioral-pattern processor flagged are red. */
    static JFreeChart answerTimes(AnswerTimes t) {
        XYSeries plain = new XYSeries("answers not flagged", true, false);
        XYSeries flagged = new XYSeries("flagged too fast by the behavioral-pattern processor", true, false);
        for (int i = 0; i < AnswerTimes.BINS; i++) {
            double x = (i + 0.5) * AnswerTimes.BIN_MS / 1000.0;
            plain.add(x, t.plain().get(i));
            flagged.add(x, t.flagged().get(i));
        }
        DefaultTableXYDataset ds = new DefaultTableXYDataset();
        ds.addSeries(plain);
        ds.addSeries(flagged);
        ds.setIntervalWidth(AnswerTimes.BIN_MS / 1000.0);   // the default (auto) width made neighbouring bars overlap
        JFreeChart chart = ChartFactory.createXYBarChart(String.format(Locale.ROOT,
                "Answer times: %d answers, %d flagged too fast (%d of %d completed tests)", t.answers(),
                t.flaggedAnswers(), t.flaggedAssessments(), t.assessments()),
                "Response time (s, bins of 0.25 s; last bin: 12 s and over)", false, "Answers", ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        StackedXYBarRenderer r = new StackedXYBarRenderer(0.05);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, BLUE);
        r.setSeriesPaint(1, RED);
        plot.setRenderer(r);
        plot.getDomainAxis().setRange(0, AnswerTimes.BINS * AnswerTimes.BIN_MS / 1000.0);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.addDomainMarker(threshold());
        style(chart);
        return chart;
    }

    /** Grouped bars: each type cohort's upgrade rate, one bar per month, labelled with the rate and cohort size. */
    static JFreeChart cohortUpgrades(List<CohortPoint> points) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        Map<String, Integer> sizes = new HashMap<>();
        for (CohortPoint p : points) {
            // a cohort emptied by a re-score (user_count 0) has no meaningful rate: no "x% of 0" bar
            if (p.upgradeRate() != null && p.userCount() != null && p.userCount() > 0) {
                ds.addValue(100.0 * p.upgradeRate(), p.month().toString(), label(p.type()));
                sizes.put(p.month() + "|" + label(p.type()), p.userCount());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Upgrade to premium by personality-type cohort (month)",
                "Cohort: personality type", "Upgraded to premium (% of cohort's takers)", ds,
                PlotOrientation.VERTICAL, true, false, false);
        BarRenderer r = bars(chart, BLUE);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset d, int row, int column) {
                Integer n = sizes.get(d.getRowKey(row) + "|" + d.getColumnKey(column));
                return String.format(Locale.ROOT, "%.1f%% of %s", d.getValue(row, column).doubleValue(),
                        n == null ? "?" : n.toString());
            }
        });
        r.setDefaultItemLabelsVisible(true);
        ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setUpperMargin(0.15);
        return chart;
    }

    private static ValueMarker threshold() {
        ValueMarker m = new ValueMarker(0.8, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel("0.8 s too-fast threshold");
        m.setLabelFont(LABEL_FONT);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    private static BarRenderer bars(JFreeChart chart, Color color) {
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, color);
        r.setDefaultItemLabelFont(LABEL_FONT);
        CategoryAxis x = plot.getDomainAxis();
        x.setTickLabelFont(LABEL_FONT);
        x.setMaximumCategoryLabelLines(2);
        style(chart);
        return r;
    }

    private static NumberAxis integerAxis(CategoryPlot plot) {
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return y;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getPlot().setBackgroundPaint(new Color(0xf7f7f7));
    }
}

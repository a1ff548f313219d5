package dev.teto.data.cli.demo;

import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.cli.demo.ReportData.CohortPoint;
import dev.teto.data.cli.demo.TetoEgenScorer.Type;
import dev.teto.data.core.TetoData;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trial findings 1 and 2 (issue 13): the cohorts' upgrade rates count the whole population, not the last
 * {@code demo seed} run. Two seeds with different {@code --seed} values, then a re-score that moves every profile to
 * one type: each time every cohort document's rate equals the test's own SQL count, and an emptied cohort has no
 * rate and no bar.
 */
class CohortUpgradesIT {
    private static final int TAKERS = 120;

    @TempDir
    Path dir;

    /** Scores everyone as TETO_F: a re-score that empties the other three cohorts. */
    public static final class AllTetoF implements ProfileScorer {
        @Override
        public ProfileDraft score(ScoringInput input) {
            return ProfileDraft.of(Type.TETO_F.code(), Type.TETO_F.typeName(), Map.of("teto", 50, "masculine", 50));
        }
    }

    @Test
    void upgradeRatesCountEveryCurrentProfileAcrossSeedsAndRescores() {
        try (DemoStores stores = new DemoStores("cohort_up", dir)) {
            seed(stores, "13");
            seed(stores, "7");
            assertEquals(2L * TAKERS, stores.db.count("users"), "the second seed added other takers");
            List<CohortPoint> cohorts = read(stores);
            assertEquals(Type.values().length, cohorts.size(), cohorts.toString());
            cohorts.forEach(c -> assertRateIsTheStoresCount(stores, c));

            DemoStores.Run rescore = stores.cli("rescore", "--scorer", AllTetoF.class.getName(), "--version", "2");
            assertEquals(0, rescore.exitCode(), rescore.out() + rescore.err());
            long handled = seed(stores, "7");   // every taker done: drains the processors (cohorts move), rolls up
            assertTrue(handled >= stores.db.count("SELECT count(*) FROM profiles WHERE is_current"),
                    "the profile.rescored events this run drained are counted: " + handled);
            cohorts = read(stores);
            for (CohortPoint c : cohorts) {
                if (c.type().equals(Type.TETO_F.code())) {
                    assertRateIsTheStoresCount(stores, c);
                    assertEquals(stores.db.count("SELECT count(*) FROM profiles WHERE is_current"), (long) c.userCount());
                } else {
                    assertEquals(0, c.userCount(), c + ": emptied by the re-score");
                    assertNull(c.upgradeRate(), c + ": no rate for a cohort without users");
                }
            }
            JFreeChart chart = DemoCharts.cohortUpgrades(cohorts);
            assertEquals(List.of(DemoCharts.label(Type.TETO_F.code())),
                    chart.getCategoryPlot().getDataset().getColumnKeys(), "one bar: no \"x% of 0\"");
        }
    }

    /** @return the events the run says its processors handled */
    private static long seed(DemoStores stores, String seed) {
        DemoStores.Run run = stores.cli("demo", "seed", "--takers", Integer.toString(TAKERS), "--seed", seed,
                "--threads", "2");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("0 not counted yet"), run.out());
        Matcher m = Pattern.compile("processors: (\\d+) events handled").matcher(run.out());
        assertTrue(m.find(), run.out());
        long handled = Long.parseLong(m.group(1));
        assertTrue(handled > 0, "a run that moved cohorts handled events: " + run.out());
        return handled;
    }

    private static List<CohortPoint> read(DemoStores stores) {
        try (TetoData data = stores.open()) {
            return new ReportReader(data, Clock.systemUTC()).read().cohorts();
        }
    }

    /** The rate is upgraded / current profiles of the type whose assessment was first profiled in the month. */
    private static void assertRateIsTheStoresCount(DemoStores stores, CohortPoint c) {
        String inCohort = " FROM profiles p WHERE p.is_current AND p.personality_type = ? AND to_char((SELECT"
                + " min(f.created_at) FROM profiles f WHERE f.assessment_id = p.assessment_id) AT TIME ZONE 'UTC',"
                + " 'YYYY-MM') = ?";
        long profiles = stores.db.count("SELECT count(*)" + inCohort, c.type(), c.month().toString());
        long upgraded = stores.db.count("SELECT count(*)" + inCohort + " AND EXISTS (SELECT 1 FROM subscriptions s"
                + " WHERE s.user_id = p.user_id AND s.plan_type = 'premium')", c.type(), c.month().toString());
        assertTrue(profiles > 0, c.toString());
        assertNotNull(c.upgradeRate(), c.toString());
        assertEquals((double) upgraded / profiles, c.upgradeRate(), 1e-9, c.toString());
    }
}

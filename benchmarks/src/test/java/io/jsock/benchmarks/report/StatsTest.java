package io.jsock.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's arithmetic: quantiles, summaries, the C measurement of a round, per-round and all-pairs ratios. */
class StatsTest {
    private static final double EPS = 1e-12;

    @Test
    void quantilesInterpolateBetweenTheClosestRanks() {
        double[] x = {1, 2, 3, 4};
        assertEquals(1, Stats.quantile(x, 0), EPS);
        assertEquals(1.75, Stats.quantile(x, 0.25), EPS);
        assertEquals(2.5, Stats.quantile(x, 0.5), EPS);
        assertEquals(3.25, Stats.quantile(x, 0.75), EPS);
        assertEquals(4, Stats.quantile(x, 1), EPS);
        assertEquals(7, Stats.quantile(new double[] {7}, 0.25), EPS);
        assertTrue(Double.isNaN(Stats.quantile(new double[0], 0.5)));
        assertThrows(IllegalArgumentException.class, () -> Stats.quantile(x, 1.5));
    }

    @Test
    void aSummaryIsTakenInAnyOrder() {
        Stats.Summary s = Stats.of(new double[] {5, 1, 3});
        assertEquals(3, s.n());
        assertEquals(3, s.median(), EPS);
        assertEquals(2, s.q1(), EPS);
        assertEquals(4, s.q3(), EPS);
        assertEquals(1, s.min(), EPS);
        assertEquals(5, s.max(), EPS);
        assertEquals(2.0 / 3, s.relativeIqr(), EPS);
        assertEquals(4.0 / 3, s.relativeRange(), EPS);

        Stats.Summary even = Stats.of(new double[] {4, 3, 2, 1});
        assertEquals(2.5, even.median(), EPS);
        assertEquals(0.6, even.relativeIqr(), EPS);
    }

    @Test
    void noValuesSummariseToNothingAndNaNIsRefused() {
        Stats.Summary none = Stats.of(new double[0]);
        assertTrue(none.isEmpty());
        assertTrue(Double.isNaN(none.median()));
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[] {1, Double.NaN}));
    }

    @Test
    void eachRoundGetsTheMeanOfTheCMeasurementsOnEitherSide() {
        assertArrayEquals(new double[] {15, 30}, Stats.bracketMeans(new double[] {10, 20, 40}, 2), EPS);
        // A C measurement after the last round that JMH did not keep is ignored.
        assertArrayEquals(new double[] {15}, Stats.bracketMeans(new double[] {10, 20, 40}, 1), EPS);
        assertThrows(IllegalArgumentException.class, () -> Stats.bracketMeans(new double[] {10, 20}, 2));
    }

    @Test
    void perRoundRatiosCancelALoadThatWeighsOnBothAlike() {
        // The machine twice as busy in the second round: both the case and C take twice as long.
        double[] java = {600, 1200, 600};
        double[] c = {500, 1000, 500};
        Stats.Summary r = Stats.of(Stats.ratios(java, c));
        assertEquals(1.2, r.median(), EPS);
        assertEquals(0, r.q3() - r.q1(), EPS);
        // Whereas a C measured apart, on a machine half as busy, moves the ratio of the medians with the load.
        assertEquals(2.4, Stats.of(java).median() / Stats.of(new double[] {250, 500, 250}).median(), EPS);
        assertThrows(IllegalArgumentException.class, () -> Stats.ratios(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void allPairRatiosCompareEveryRoundOfOneWithEveryRoundOfTheOther() {
        double[] a = {2, 4};
        double[] b = {1, 2};
        assertArrayEquals(new double[] {2, 1, 4, 2}, Stats.allPairRatios(a, b), EPS);
        Stats.Summary s = Stats.of(Stats.allPairRatios(a, b));
        assertEquals(2, s.median(), EPS);
        assertEquals(1.75, s.q1(), EPS);
        assertEquals(2.5, s.q3(), EPS);
        assertEquals(0, Stats.allPairRatios(a, new double[0]).length);
    }

    @Test
    void concatKeepsTheOrder() {
        assertArrayEquals(new double[] {1, 2, 3}, Stats.concat(List.of(new double[] {1}, new double[0], new double[] {2, 3})), EPS);
    }
}

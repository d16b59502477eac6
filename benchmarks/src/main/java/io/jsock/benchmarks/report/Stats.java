package io.jsock.benchmarks.report;

import java.util.Arrays;

/**
 * The report's arithmetic, on the rounds of a run: order statistics (median, quartiles, range),
 * the C measurement that belongs to each round, per-round ratios, and the ratios of two results
 * measured in different rounds.
 *
 * <p>Quantiles interpolate linearly between the closest ranks (Hyndman and Fan's type 7, the
 * default of R, NumPy and spreadsheets): for n sorted values x[0..n-1] the p-quantile is at rank
 * h = (n - 1) p, x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋ + 1] - x[⌊h⌋]). The median is the 0.5-quantile, the
 * interquartile range (IQR) runs from the 0.25- to the 0.75-quantile.
 */
public final class Stats {
    private Stats() {}

    /** n values summarised: median, quartiles, extremes; all NaN for none. */
    public record Summary(int n, double median, double q1, double q3, double min, double max) {
        static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** Exactly 1: a baseline against itself. */
        static final Summary ONE = new Summary(1, 1, 1, 1, 1, 1);

        /** The IQR as a fraction of the median (0.02: the middle half of the values lies within 2 % of it). */
        public double relativeIqr() {
            return (q3 - q1) / median;
        }

        /** The range as a fraction of the median. */
        public double relativeRange() {
            return (max - min) / median;
        }

        public boolean isEmpty() {
            return n == 0;
        }
    }

    /** The summary of {@code values} (in any order; none may be NaN). */
    public static Summary of(double[] values) {
        if (values.length == 0) return Summary.NONE;
        double[] x = values.clone();
        Arrays.sort(x);
        if (Double.isNaN(x[x.length - 1])) throw new IllegalArgumentException("NaN among " + Arrays.toString(values));
        return new Summary(x.length, quantile(x, 0.5), quantile(x, 0.25), quantile(x, 0.75), x[0], x[x.length - 1]);
    }

    /** The p-quantile (0 ≤ p ≤ 1) of values sorted in ascending order, type 7. */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        if (p < 0 || p > 1) throw new IllegalArgumentException("p " + p);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo + 1 >= sorted.length) return sorted[sorted.length - 1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /**
     * The C measurement of each of m rounds, from the m + 1 C measurements taken before the first
     * round and after each: round i's is the mean of measurements i and i + 1, the one just before
     * it and the one just after.
     */
    public static double[] bracketMeans(double[] c, int m) {
        if (c.length < m + 1) {
            throw new IllegalArgumentException(m + " rounds need " + (m + 1) + " C measurements, not " + c.length);
        }
        double[] out = new double[m];
        for (int i = 0; i < m; i++) out[i] = (c[i] + c[i + 1]) / 2;
        return out;
    }

    /** Per-round ratios a[i] / b[i] of two measurements taken in the same rounds. */
    public static double[] ratios(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " rounds against " + b.length);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] / b[i];
        return out;
    }

    /**
     * The ratios of two results measured in rounds of their own (two cases, or one case on two
     * backends), each round already divided by its C measurement: a[i] / b[j] for every i and j.
     * Their median is the estimate of a / b and their IQR its spread; no pairing of one result's
     * rounds with the other's is assumed.
     */
    public static double[] allPairRatios(double[] a, double[] b) {
        double[] out = new double[a.length * b.length];
        int k = 0;
        for (double x : a) {
            for (double y : b) out[k++] = x / y;
        }
        return out;
    }

    /** The values of several arrays, one after the other. */
    public static double[] concat(Iterable<double[]> arrays) {
        int n = 0;
        for (double[] a : arrays) n += a.length;
        double[] out = new double[n];
        int k = 0;
        for (double[] a : arrays) {
            System.arraycopy(a, 0, out, k, a.length);
            k += a.length;
        }
        return out;
    }
}

package io.jsock.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The chart: one horizontal bar chart per benchmark class, then one of FFM against JNR, stacked
 * in one PNG. Each group of bars shares a baseline (a C loop's transport and size, or a Java
 * baseline), each bar is a result's ratio to it (the median of its per-round ratios), drawn from
 * the baseline's 1 (left: faster, right: slower), with a whisker over the IQR of those ratios;
 * the baseline itself gets no bar.
 * A label keeps its colour across the classes; jsock's JNR results are blues, its FFM results
 * greens.
 */
final class Chart {
    static final int WIDTH = 1200;
    private static final int BAR = 13;
    private static final int GROUP_GAP = 10;
    private static final int FRAME = 130;
    /**
     * Shades per family, matched in this order: jsock on FFM (greens), jsock on JNR (blues),
     * junixsocket (magentas), jnr-unixsocket (purples), the JDK (oranges), jsock otherwise (blues);
     * anything else the neutral shades.
     */
    private static final Map<String, Color[]> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("· ffm", colours(0x38761D, 0x6AA84F, 0x93C47D, 0x274E13, 0xB6D7A8));
        FAMILIES.put("· jnr", colours(0x1F4E79, 0x3D85C6, 0x6FA8DC, 0x9FC5E8, 0x0B5394));
        FAMILIES.put("junixsocket", colours(0xA64D79, 0xD5A6BD));
        FAMILIES.put("jnr unixsocket", colours(0x674EA7, 0xB4A7D6));
        FAMILIES.put("jdk", colours(0xE69138, 0xB45F06, 0xF9CB9C));
        FAMILIES.put("jsock", colours(0x1F4E79, 0x3D85C6, 0x6FA8DC, 0x9FC5E8, 0x0B5394));
        FAMILIES.put("", colours(0x59A14F, 0x76B7B2, 0xEDC948, 0x9C755F, 0xBAB0AC, 0xE15759));
    }

    /** A bar: its series (colour and legend) and its ratio with the spread. */
    record Bar(String series, Stats.Summary ratio) {}

    /** The bars that share a baseline. */
    record Group(String label, List<Bar> bars) {}

    /** One chart: a title, what its bars are compared with, its groups, and a target line (NaN: none). */
    record Panel(String title, String subtitle, List<Group> groups, double target) {
        static Panel of(Comparison c) {
            List<Group> groups = new ArrayList<>();
            for (Comparison.Group g : c.groups()) {
                List<Bar> bars = new ArrayList<>();
                for (Comparison.Row r : g.rows()) {
                    if (!r.isBaseline() && !Double.isNaN(r.ratio().median())) bars.add(new Bar(r.chartLabel(), r.ratio()));
                }
                if (!bars.isEmpty()) groups.add(new Group(g.label(), bars));
            }
            return new Panel(c.simpleClass(), "baseline: " + c.baselineLabel(), groups, Double.NaN);
        }

        /** One bar per jsock case (a group each, so that no group keeps room for the others' bars), one series. */
        static Panel of(BackendComparison b) {
            List<Group> out = new ArrayList<>();
            for (BackendComparison.Pair p : b.pairs()) {
                Result r = p.ffm();
                List<String> parts = new ArrayList<>();
                parts.add(r.simpleClass().replace("Benchmark", ""));
                String place = Comparison.describe(r.params(), Set.of("transport", "size"));
                if (!place.isEmpty()) parts.add(place);
                List<String> rest = new ArrayList<>();
                r.params().forEach((k, v) -> {
                    if (!k.equals("transport") && !k.equals("size")) rest.add(Comparison.readable(k, v, true));
                });
                parts.add(rest.isEmpty() ? r.method() : String.join(" ", rest));
                out.add(new Group(String.join(" · ", parts), List.of(new Bar("jsock · ffm ÷ jnr", p.ratio()))));
            }
            return new Panel("FFM ÷ JNR", "each jsock case on its FFM run ÷ the same case on its JNR run (dashed: the target, "
                    + Target.FFM_WITHIN + ")", out, Target.FFM_WITHIN);
        }
    }

    private final Map<String, Color> colours = new HashMap<>();
    private final Map<String, Integer> familyUse = new HashMap<>();

    private Chart() {}

    /** Draws the panels under a title and lines that say where and how they were measured. */
    static void render(String title, List<String> lines, List<Panel> panels, Path png) throws IOException {
        new Chart().draw(title, lines, panels, png);
    }

    private void draw(String title, List<String> lines, List<Panel> panels, Path png) throws IOException {
        List<JFreeChart> charts = new ArrayList<>();
        List<Integer> heights = new ArrayList<>();
        for (Panel p : panels) {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            Map<String, Stats.Summary> spreads = new HashMap<>();
            double min = 1;
            double max = Double.isNaN(p.target()) ? 1 : p.target();
            for (Group g : p.groups()) {
                for (Bar b : g.bars()) {
                    data.addValue(b.ratio().median(), b.series(), g.label());
                    spreads.put(b.series() + "\n" + g.label(), b.ratio());
                    min = Math.min(min, Double.isNaN(b.ratio().q1()) ? b.ratio().median() : b.ratio().q1());
                    max = Math.max(max, Double.isNaN(b.ratio().q3()) ? b.ratio().median() : b.ratio().q3());
                }
            }
            if (data.getColumnCount() == 0) continue;
            charts.add(chart(p, data, spreads, min, max));
            heights.add(FRAME + data.getColumnCount() * (data.getRowCount() * BAR + GROUP_GAP));
        }

        int header = 44 + 18 * lines.size();
        int height = header + heights.stream().mapToInt(Integer::intValue).sum();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, WIDTH, height);
            g2.setColor(Color.BLACK);
            g2.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g2.drawString(title, 16, 28);
            g2.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int y = 30;
            for (String line : lines) g2.drawString(line, 16, y += 18);
            y = header;
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g2, new Rectangle2D.Double(0, y, WIDTH, heights.get(i)));
                y += heights.get(i);
            }
        } finally {
            g2.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private JFreeChart chart(Panel p, DefaultCategoryDataset data, Map<String, Stats.Summary> spreads, double min, double max) {
        JFreeChart chart = ChartFactory.createBarChart(p.title(), null,
                "ratio to the baseline: median of the rounds, whisker over their IQR", data, PlotOrientation.HORIZONTAL, true,
                false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.addSubtitle(new TextTitle(p.subtitle(), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));

        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlineVisible(false);
        plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f)));
        if (!Double.isNaN(p.target())) {
            plot.addRangeMarker(new ValueMarker(p.target(), new Color(0xCC0000),
                    new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)));
        }
        CategoryAxis groups = plot.getDomainAxis();
        groups.setCategoryMargin(0.15);
        groups.setTickLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        // Bars grow from the baseline's 1, left when faster, right when slower; room for the labels past the whiskers.
        NumberAxis ratio = (NumberAxis) plot.getRangeAxis();
        double lo = Math.max(0, Math.min(0.9, min - 0.05));
        double hi = Math.max(1.1, max + 0.05);
        ratio.setRange(lo, hi + (hi - lo) * 0.06);

        WhiskerRenderer bars = new WhiskerRenderer(spreads);
        bars.setBase(1.0);
        plot.setRenderer(bars);
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.05);
        for (int s = 0; s < data.getRowCount(); s++) bars.setSeriesPaint(s, colour(data.getRowKey(s).toString()));
        return chart;
    }

    /** Bars with a whisker over the IQR of their ratios and the median written past it. */
    private static final class WhiskerRenderer extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        private final Map<String, Stats.Summary> spreads;

        WhiskerRenderer(Map<String, Stats.Summary> spreads) {
            this.spreads = spreads;
        }

        @Override
        public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
            super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
            Number value = dataset.getValue(row, column);
            if (value == null || state.getVisibleSeriesIndex(row) < 0) return;
            Stats.Summary s = spreads.get(dataset.getRowKey(row) + "\n" + dataset.getColumnKey(column));
            double w0 = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column);
            double mid = w0 + state.getBarWidth() / 2;
            RectangleEdge edge = plot.getRangeAxisEdge();
            double end = rangeAxis.valueToJava2D(value.doubleValue(), dataArea, edge);
            g2.setPaint(Color.BLACK);
            if (s != null && !Double.isNaN(s.q1()) && s.n() > 1) {
                double lo = rangeAxis.valueToJava2D(s.q1(), dataArea, edge);
                double hi = rangeAxis.valueToJava2D(s.q3(), dataArea, edge);
                double cap = state.getBarWidth() * 0.35;
                g2.setStroke(new BasicStroke(1f));
                g2.draw(new Line2D.Double(lo, mid, hi, mid));
                g2.draw(new Line2D.Double(lo, mid - cap, lo, mid + cap));
                g2.draw(new Line2D.Double(hi, mid - cap, hi, mid + cap));
                end = Math.max(end, hi);
            }
            g2.setFont(LABEL);
            g2.drawString(String.format(Locale.ROOT, "%.2f", value.doubleValue()), (float) (end + 4),
                    (float) (mid + LABEL.getSize() / 2.0 - 1));
        }
    }

    /** The next unused shade of the label's family, the same for the same label throughout the chart. */
    private Color colour(String label) {
        return colours.computeIfAbsent(label, l -> {
            String lower = l.toLowerCase(Locale.ROOT);
            String family = FAMILIES.keySet().stream().filter(lower::contains).findFirst().orElse("");
            int used = familyUse.merge(family, 1, Integer::sum) - 1;
            Color[] shades = FAMILIES.get(family);
            return shades[used % shades.length];
        });
    }

    private static Color[] colours(int... rgb) {
        return Arrays.stream(rgb).mapToObj(Color::new).toArray(Color[]::new);
    }
}

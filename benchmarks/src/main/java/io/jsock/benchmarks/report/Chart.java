package io.jsock.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The chart: one horizontal bar chart per benchmark class, stacked in one PNG. Each group of bars
 * is one baseline (a transport and size for the C cases), each bar a result's time per operation
 * as a ratio to that baseline; the line at 1 is the baseline itself, which gets no bar. A label
 * keeps its colour across the classes.
 */
final class Chart {
    static final int WIDTH = 1200;
    private static final int BAR = 13;
    private static final int GROUP_GAP = 10;
    private static final int FRAME = 130;
    /**
     * Shades per family, so a glance tells jsock (blues) from the JDK (oranges), jnr-unixsocket
     * (purples) and junixsocket (magentas); anything else takes the neutral shades.
     */
    private static final Map<String, Color[]> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("junixsocket", colours(0xA64D79, 0xD5A6BD));
        FAMILIES.put("jnr", colours(0x674EA7, 0xB4A7D6));
        FAMILIES.put("jdk", colours(0xE69138, 0xB45F06, 0xF9CB9C));
        FAMILIES.put("jsock", colours(0x1F4E79, 0x3D85C6, 0x6FA8DC, 0x9FC5E8, 0x0B5394));
        FAMILIES.put("", colours(0x59A14F, 0x76B7B2, 0xEDC948, 0x9C755F, 0xBAB0AC, 0xE15759));
    }

    private final Map<String, Color> colours = new HashMap<>();
    private final Map<String, Integer> familyUse = new HashMap<>();

    private Chart() {}

    /** Draws the charts under a title and lines that say where and how they were measured. */
    static void render(String title, List<String> lines, List<Comparison> comparisons, Path png) throws IOException {
        new Chart().draw(title, lines, comparisons, png);
    }

    private void draw(String title, List<String> lines, List<Comparison> comparisons, Path png) throws IOException {
        List<JFreeChart> charts = new ArrayList<>();
        List<Integer> heights = new ArrayList<>();
        for (Comparison c : comparisons) {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            double max = 1;
            for (Comparison.Group g : c.groups()) {
                for (Comparison.Row r : g.rows()) {
                    if (r.isBaseline() || Double.isNaN(r.ratio())) continue;
                    data.addValue(r.ratio(), r.label(), g.label());
                    max = Math.max(max, r.ratio());
                }
            }
            if (data.getColumnCount() == 0) continue;
            charts.add(chart(c, data, max));
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

    private JFreeChart chart(Comparison c, DefaultCategoryDataset data, double max) {
        JFreeChart chart = ChartFactory.createBarChart(c.simpleClass(), null, "time per operation ÷ the baseline's", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.addSubtitle(new TextTitle("baseline: " + c.baselineLabel(), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));

        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlineVisible(false);
        plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f)));
        CategoryAxis groups = plot.getDomainAxis();
        groups.setCategoryMargin(0.15);
        groups.setTickLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        NumberAxis ratio = (NumberAxis) plot.getRangeAxis();
        ratio.setRange(0, max * 1.12); // room for the labels at the bars' ends

        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.05);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00")));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        for (int s = 0; s < data.getRowCount(); s++) bars.setSeriesPaint(s, colour(data.getRowKey(s).toString()));
        return chart;
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

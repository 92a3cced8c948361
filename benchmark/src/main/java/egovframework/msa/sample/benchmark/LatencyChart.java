package egovframework.msa.sample.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Latency over time as a PNG, drawn with plain Java2D (headless): per-second p50 and p99 on a log scale,
 * a marker above each second that had fallback answers or failures, and a vertical line at each chaos
 * event (the kill). No charting library: this one picture does not justify one.
 */
final class LatencyChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 84;
    private static final int BOTTOM = 60;
    private static final Color P50 = new Color(0x1f77b4);
    private static final Color P99 = new Color(0xd62728);
    private static final Color FALLBACK = new Color(0xff7f0e);
    private static final Color FAILURE = Color.BLACK;
    private static final Color EVENT = new Color(0x2ca02c);

    private LatencyChart() {
    }

    static void write(Path png, String title, RunStats run, Map<String, Long> marks) {
        List<RunStats.Bucket> buckets = run.buckets();
        if (buckets.isEmpty()) {
            throw new BenchException("nothing to chart: the run has no requests");
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double maxSecond = Math.max(1, buckets.get(buckets.size() - 1).second + 1);
        // Log scale: p50 sits around a few ms while p99 can jump to seconds when an instance dies.
        double lowest = buckets.stream().mapToDouble(b -> b.p50).filter(v -> v > 0).min().orElse(1);
        double highest = buckets.stream().mapToDouble(b -> b.p99).max().orElse(10);
        int minDecade = (int) Math.floor(Math.log10(Math.max(0.1, lowest)));
        int maxDecade = Math.max(minDecade + 1, (int) Math.ceil(Math.log10(Math.max(highest, 1))));
        Axis x = value -> LEFT + value / maxSecond * plotWidth;
        Axis y = ms -> TOP + plotHeight
                - (Math.log10(Math.max(ms, Math.pow(10, minDecade))) - minDecade) / (maxDecade - minDecade) * plotHeight;

        // grid, ticks and axis labels
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int decade = minDecade; decade <= maxDecade; decade++) {
            int py = (int) y.at(Math.pow(10, decade));
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, py, LEFT + plotWidth, py);
            g.setColor(Color.DARK_GRAY);
            String label = decade < 0 ? String.format(Locale.ROOT, "%." + -decade + "f", Math.pow(10, decade))
                    : String.format(Locale.ROOT, "%.0f", Math.pow(10, decade));
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        int step = niceStep(maxSecond / 10);
        for (int s = 0; s <= maxSecond; s += step) {
            int px = (int) x.at(s);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(px, TOP, px, TOP + plotHeight);
            g.setColor(Color.DARK_GRAY);
            String label = Integer.toString(s);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + plotHeight + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        String xLabel = "seconds since the load started";
        g.drawString(xLabel, LEFT + (plotWidth - g.getFontMetrics().stringWidth(xLabel)) / 2, HEIGHT - 18);
        Graphics2D vertical = (Graphics2D) g.create();
        vertical.rotate(-Math.PI / 2);
        String yLabel = "latency per second (ms, log scale)";
        vertical.drawString(yLabel, -(TOP + (plotHeight + g.getFontMetrics().stringWidth(yLabel)) / 2), 22);
        vertical.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 24);

        // chaos events
        Stroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Map.Entry<String, Long> mark : marks.entrySet()) {
            int px = (int) x.at((mark.getValue() - run.origin()) / 1000.0);
            g.setColor(EVENT);
            g.setStroke(dashed);
            g.drawLine(px, TOP, px, TOP + plotHeight);
            g.drawString(mark.getKey(), px + 4, TOP + plotHeight - 8);
        }

        // p50 and p99 lines, each point in the middle of its second; a second without answers breaks the line
        g.setStroke(new BasicStroke(2f));
        drawLine(g, buckets, b -> b.p50, x, y, P50);
        drawLine(g, buckets, b -> b.p99, x, y, P99);

        // markers in a band above the plot: fallback answers (orange) and failures (black) in that second
        for (RunStats.Bucket b : buckets) {
            int px = (int) x.at(b.second + 0.5);
            if (b.fallbacks > 0) {
                g.setColor(FALLBACK);
                g.fillOval(px - 4, TOP - 12, 8, 8);
            }
            if (b.non2xx + b.errors > 0) {
                g.setColor(FAILURE);
                g.fillPolygon(new int[] {px - 5, px + 5, px}, new int[] {TOP - 24, TOP - 24, TOP - 15}, 3);
            }
        }

        legend(g, LEFT, 50);
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Axis {
        double at(double value);
    }

    private static void drawLine(Graphics2D g, List<RunStats.Bucket> buckets, ToDoubleFunction<RunStats.Bucket> value,
            Axis x, Axis y, Color color) {
        Path2D.Double path = new Path2D.Double();
        int previous = Integer.MIN_VALUE;
        for (RunStats.Bucket b : buckets) {
            double px = x.at(b.second + 0.5);
            double py = y.at(value.applyAsDouble(b));
            if (b.second == previous + 1) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
            }
            previous = b.second;
        }
        g.setColor(color);
        g.draw(path);
        for (RunStats.Bucket b : buckets) { // a dot per second, so that a lone second still shows
            g.fill(new Ellipse2D.Double(x.at(b.second + 0.5) - 2, y.at(value.applyAsDouble(b)) - 2, 4, 4));
        }
    }

    private static void legend(Graphics2D g, int left, int baseline) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = left;
        x = legendEntry(g, x, baseline, P50, "p50");
        x = legendEntry(g, x, baseline, P99, "p99");
        g.setColor(FALLBACK);
        g.fillOval(x, baseline - 9, 8, 8);
        g.setColor(Color.DARK_GRAY);
        g.drawString("fallback answers", x + 12, baseline);
        x += 130;
        g.setColor(FAILURE);
        g.fillPolygon(new int[] {x, x + 10, x + 5}, new int[] {baseline - 9, baseline - 9, baseline - 1}, 3);
        g.setColor(Color.DARK_GRAY);
        g.drawString("non-2xx / no answer", x + 14, baseline);
    }

    private static int legendEntry(Graphics2D g, int x, int baseline, Color color, String label) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x, baseline - 5, x + 20, baseline - 5);
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, x + 24, baseline);
        return x + 24 + g.getFontMetrics().stringWidth(label) + 16;
    }

    private static int niceStep(double raw) {
        for (int step : new int[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600}) {
            if (step >= raw) {
                return step;
            }
        }
        return 1200;
    }
}

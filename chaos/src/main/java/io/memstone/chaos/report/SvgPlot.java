package io.memstone.chaos.report;

import io.memstone.chaos.nemesis.FaultWindow;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG chart over the run's time: shaded fault windows, points or lines, axes with ticks.
 * The y axis is linear or logarithmic.
 */
final class SvgPlot {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private final double seconds;
    private final double yMin;
    private final double yMax;
    private final boolean logY;
    private final StringBuilder body = new StringBuilder();

    SvgPlot(double seconds, double yMin, double yMax, boolean logY) {
        this.seconds = Math.max(seconds, 1);
        this.yMin = yMin;
        this.yMax = Math.max(yMax, yMin * 1.01 + 1e-9);
        this.logY = logY;
    }

    double x(double second) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.min(second, seconds) / seconds;
    }

    double y(double value) {
        double v = Math.max(yMin, Math.min(yMax, value));
        double f = logY ? Math.log(v / yMin) / Math.log(yMax / yMin) : (v - yMin) / (yMax - yMin);
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * f;
    }

    SvgPlot faults(List<FaultWindow> windows) {
        for (int i = 0; i < windows.size(); i++) {
            FaultWindow w = windows.get(i);
            double x0 = x(w.start() / 1e9);
            double x1 = x(w.end() / 1e9);
            body.append(fmt("<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#f4c7c3' opacity='0.6'><title>%s</title></rect>"
                    + "<text x='%.1f' y='%d' font-size='9' fill='#a33'>%s</text>%n",
                    x0, TOP, Math.max(1, x1 - x0), HEIGHT - TOP - BOTTOM, HtmlReport.escape(w.description()),
                    x0 + 2, TOP + 10 + 10 * (i % 3), HtmlReport.escape(w.nemesis()))); // staggered: labels of short windows overlap
        }
        return this;
    }

    /** One dot per (second, value). */
    SvgPlot points(List<double[]> points, String color) {
        for (double[] p : points) {
            body.append(fmt("<circle cx='%.1f' cy='%.1f' r='1.3' fill='%s' fill-opacity='0.5'/>", x(p[0]), y(p[1]), color));
        }
        body.append('\n');
        return this;
    }

    SvgPlot line(List<double[]> points, String color) {
        StringBuilder d = new StringBuilder();
        for (double[] p : points) d.append(fmt("%.1f,%.1f ", x(p[0]), y(p[1])));
        body.append(fmt("<polyline points='%s' fill='none' stroke='%s' stroke-width='1.5'/>%n", d, color));
        return this;
    }

    String render(String yLabel, List<String[]> legend) {
        StringBuilder s = new StringBuilder();
        s.append(fmt("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'>%n", WIDTH, HEIGHT));
        s.append(body);
        s.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        s.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        double step = niceStep(seconds / 10);
        for (double t = 0; t <= seconds; t += step) {
            s.append(fmt("<text x='%.1f' y='%d' font-size='10' text-anchor='middle'>%s</text>", x(t), HEIGHT - BOTTOM + 14, number(t)));
        }
        for (double v : yTicks()) {
            s.append(fmt("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/><text x='%d' y='%.1f' font-size='10' text-anchor='end'>%s</text>",
                    LEFT, y(v), WIDTH - RIGHT, y(v), LEFT - 4, y(v) + 3, number(v)));
        }
        s.append(fmt("%n<text x='%d' y='%d' font-size='11' text-anchor='middle'>seconds</text>", (WIDTH + LEFT) / 2, HEIGHT - 8));
        s.append(fmt("<text x='14' y='%d' font-size='11' text-anchor='middle' transform='rotate(-90 14 %d)'>%s</text>%n",
                HEIGHT / 2, HEIGHT / 2, yLabel));
        for (int i = 0; i < legend.size(); i++) {
            int lx = LEFT + i * 150;
            s.append(fmt("<rect x='%d' y='6' width='10' height='10' fill='%s'/><text x='%d' y='15' font-size='11'>%s</text>",
                    lx, legend.get(i)[1], lx + 14, HtmlReport.escape(legend.get(i)[0])));
        }
        return s.append("\n</svg>\n").toString();
    }

    private double[] yTicks() {
        if (logY) {
            int from = (int) Math.ceil(Math.log10(yMin));
            int to = (int) Math.floor(Math.log10(yMax));
            double[] ticks = new double[Math.max(0, to - from + 1)];
            for (int i = 0; i < ticks.length; i++) ticks[i] = Math.pow(10, from + i);
            return ticks;
        }
        double step = niceStep((yMax - yMin) / 5);
        int n = (int) ((yMax - yMin) / step) + 1;
        double[] ticks = new double[n];
        for (int i = 0; i < n; i++) ticks[i] = yMin + i * step;
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) return m * p;
        }
        return 10 * p;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : fmt("%.2g", v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}

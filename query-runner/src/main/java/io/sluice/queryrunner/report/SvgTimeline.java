package io.sluice.queryrunner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static java.util.Objects.requireNonNull;

/**
 * A run's timeline as inline SVG: time since the run started across, query latency up (log scale, so a
 * 50 ms query and a 30 s timeout fit one chart), one point per execution at its start, coloured by series
 * (engine) and drawn as a cross when it did not succeed. Each fault in effect during the run is a shaded window
 * from injection to clearing (to the end of the chart when never cleared), labelled {@code target:kind}
 * with its recovery times beside it and dashed marks where the first query succeeded again and where
 * latency was back.
 *
 * <p>Points carry their series and start time ({@code data-series}, {@code data-started-ms}); elements carry classes ({@code point ok}, {@code point failed}, {@code fault-window}, {@code fault-label},
 * {@code fault-recovery}, {@code recovery-mark}, {@code x-axis}) so the chart can be styled and checked.
 */
final class SvgTimeline
{
    static final int WIDTH = 760;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 26;
    private static final int PLOT_HEIGHT = 260;
    private static final int BOTTOM = 36;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int LABEL_ROWS = 3;
    private static final String FAULT_COLOR = "#e15759";

    /**
     * One execution: its series (an index into the series names), when it started and how long it took.
     */
    record Point(int series, long startedAtMs, long wallMs, boolean ok, String text)
    {
        Point
        {
            requireNonNull(text, "text is null");
        }
    }

    private SvgTimeline() {}

    /**
     * @param originMs time zero of the axis (the run's start)
     * @param endMs the run's end; the axis reaches at least here
     * @param faults the faults to draw; only those in effect between the origin and the end are
     */
    static String render(String title, List<String> series, List<Point> points, List<RecordedFault> faults, long originMs, long endMs)
    {
        List<RecordedFault> drawn = faults.stream().filter(fault -> fault.overlaps(originMs, endMs)).toList();
        Axis time = timeAxis(points, drawn, originMs, endMs);
        LogScale latency = LogScale.covering(points.stream().mapToDouble(Point::wallMs), 1);
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">"
                .formatted(WIDTH, height, WIDTH, height));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        legend(svg, series, !drawn.isEmpty());
        for (int index = 0; index < drawn.size(); index++) {
            fault(svg, drawn.get(index), index, time, originMs);
        }
        axes(svg, time, latency, originMs);
        for (Point point : points) {
            point(svg, point, time, latency, series);
        }
        return svg.append("</svg>").toString();
    }

    private static void legend(StringBuilder svg, List<String> series, boolean faults)
    {
        int x = SvgMarks.seriesLegend(svg, series, LEFT);
        svg.append("<text x=\"%d\" y=\"13\" fill=\"#555\">● ok   × failed, timed out or wrong%s</text>".formatted(x + 10, faults ? "   ▮ fault in effect" : ""));
    }

    private static void fault(StringBuilder svg, RecordedFault fault, int index, Axis time, long originMs)
    {
        long injected = fault.injectedAtMs().orElseThrow();
        double from = time.x(injected);
        double to = time.x(fault.clearedAtMs().orElse(time.endMs()));
        svg.append("<rect class=\"fault-window\" x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.15\"><title>%s</title></rect>".formatted(
                Html.number(from), TOP, Html.number(Math.max(to - from, 1)), PLOT_HEIGHT, FAULT_COLOR, Html.escape(fault.label() + " " + window(fault, originMs))));
        mark(svg, fault.recoveryMs().stream().map(ms -> injected + ms).findFirst(), "first query ok", time);
        mark(svg, fault.latencyRecoveryMs().stream().map(ms -> injected + ms).findFirst(), "latency back", time);
        int labelY = TOP + 12 + (index % LABEL_ROWS) * 26;
        double labelX = from + 3;
        svg.append("<text class=\"fault-label\" x=\"%s\" y=\"%d\" fill=\"%s\" font-weight=\"bold\">%s</text>".formatted(Html.number(labelX), labelY, FAULT_COLOR, Html.escape(fault.label())));
        svg.append("<text class=\"fault-recovery\" x=\"%s\" y=\"%d\" fill=\"#333\">%s</text>".formatted(Html.number(labelX), labelY + 12, Html.escape(recovery(fault))));
    }

    private static void mark(StringBuilder svg, OptionalLong atMs, String what, Axis time)
    {
        atMs.ifPresent(at -> {
            double x = time.x(at);
            svg.append("<line class=\"recovery-mark\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"><title>%s</title></line>".formatted(
                    Html.number(x), TOP, Html.number(x), TOP + PLOT_HEIGHT, FAULT_COLOR, Html.escape(what)));
        });
    }

    private static void axes(StringBuilder svg, Axis time, LogScale latency, long originMs)
    {
        int bottom = TOP + PLOT_HEIGHT;
        svg.append("<line class=\"x-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>".formatted(LEFT, bottom, LEFT + PLOT_WIDTH, bottom));
        svg.append("<line class=\"y-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>".formatted(LEFT, TOP, LEFT, bottom));
        long step = time.tickStepMs();
        long first = Math.floorDiv(time.startMs() - originMs + step - 1, step) * step;
        for (long offset = first; originMs + offset <= time.endMs(); offset += step) {
            double x = time.x(originMs + offset);
            svg.append("<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#333\"/>".formatted(Html.number(x), bottom, Html.number(x), bottom + 4));
            svg.append("<text class=\"x-tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>".formatted(Html.number(x), bottom + 15, seconds(offset, step)));
        }
        svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">seconds since the run started</text>".formatted(LEFT + PLOT_WIDTH / 2, bottom + 30));
        for (double decade : latency.decades()) {
            double y = y(latency, decade);
            svg.append("<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#ddd\"/>".formatted(LEFT, Html.number(y), LEFT + PLOT_WIDTH, Html.number(y)));
            svg.append("<text class=\"y-tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\">%s</text>".formatted(LEFT - 5, Html.number(y + 4), milliseconds((long) decade)));
        }
        svg.append("<text x=\"12\" y=\"%d\" fill=\"#555\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">latency</text>".formatted(TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2));
    }

    private static void point(StringBuilder svg, Point point, Axis time, LogScale latency, List<String> series)
    {
        double x = time.x(point.startedAtMs());
        double y = y(latency, point.wallMs());
        String color = SvgBarChart.color(point.series());
        String identity = "data-series=\"%s\" data-started-ms=\"%d\"".formatted(Html.escape(series.get(point.series())), point.startedAtMs());
        String tooltip = "<title>" + Html.escape(point.text()) + "</title>";
        if (point.ok()) {
            svg.append("<circle class=\"point ok\" %s cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\">%s</circle>".formatted(identity, Html.number(x), Html.number(y), color, tooltip));
        }
        else {
            svg.append("<path class=\"point failed\" %s data-x=\"%s\" data-y=\"%s\" d=\"%s\" stroke=\"%s\" stroke-width=\"2\">%s</path>".formatted(
                    identity, Html.number(x), Html.number(y), SvgMarks.cross(x, y, 4), color, tooltip));
        }
    }

    private static double y(LogScale latency, double ms)
    {
        return TOP + PLOT_HEIGHT - latency.share(ms) * PLOT_HEIGHT;
    }

    private static Axis timeAxis(List<Point> points, List<RecordedFault> faults, long originMs, long endMs)
    {
        long start = originMs;
        long end = Math.max(endMs, points.stream().mapToLong(point -> point.startedAtMs() + point.wallMs()).max().orElse(endMs));
        for (RecordedFault fault : faults) {
            long injected = fault.injectedAtMs().orElseThrow();
            start = Math.min(start, injected);
            end = LongStream.of(end, fault.clearedAtMs().orElse(end), injected + fault.recoveryMs().orElse(0), injected + fault.latencyRecoveryMs().orElse(0)).max().orElseThrow();
        }
        start = Math.min(start, points.stream().mapToLong(Point::startedAtMs).min().orElse(start));
        return new Axis(start, Math.max(end, start + 1));
    }

    private static String window(RecordedFault fault, long originMs)
    {
        String from = seconds(fault.injectedAtMs().orElseThrow() - originMs, 100);
        return fault.clearedAtMs().isPresent() ? "from %s to %s".formatted(from, seconds(fault.clearedAtMs().getAsLong() - originMs, 100)) : "from %s, never cleared".formatted(from);
    }

    static String recovery(RecordedFault fault)
    {
        List<String> parts = new ArrayList<>();
        parts.add(fault.recoveryMs().isPresent() ? "first ok after " + duration(fault.recoveryMs().getAsLong()) : "no query succeeded after it");
        fault.latencyRecoveryMs().ifPresent(ms -> parts.add("latency back after " + duration(ms)));
        parts.add(fault.queriesFailed() + " failed");
        return String.join(" · ", parts);
    }

    static String duration(long ms)
    {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String seconds(long offsetMs, long stepMs)
    {
        return stepMs < 1000 ? String.format(Locale.ROOT, "%.1f s", offsetMs / 1000.0) : (offsetMs / 1000) + " s";
    }

    /** A latency tick: {@code 100 ms}, {@code 10 s}. */
    static String milliseconds(long ms)
    {
        return ms >= 1000 ? (ms / 1000) + " s" : ms + " ms";
    }

    /**
     * Linear time from {@code startMs} to {@code endMs} across the plot.
     */
    private record Axis(long startMs, long endMs)
    {
        double x(long ms)
        {
            long clamped = Math.clamp(ms, startMs, endMs);
            return LEFT + (clamped - startMs) * (double) PLOT_WIDTH / (endMs - startMs);
        }

        /**
         * 1, 2 or 5 times a power of ten milliseconds, for at most 10 ticks.
         */
        long tickStepMs()
        {
            long span = endMs - startMs;
            for (long power = 1; ; power *= 10) {
                for (long factor : new long[] {1, 2, 5}) {
                    if (span / (factor * power) <= 10) {
                        return factor * power;
                    }
                }
            }
        }
    }
}

package io.sluice.queryrunner.report;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

import static java.util.Objects.requireNonNull;

/**
 * One row per label, one dot per series on a shared logarithmic axis: how the engines compare on each query,
 * at 14 pixels a query so that TPC-DS's 103 texts fit a screenful or two. A missing value (the query failed
 * on that engine) is a cross in the series' colour at the left edge, beside the other series' crosses. Every
 * mark has a tooltip with its text.
 *
 * <p>Marks carry classes ({@code dot}, {@code missing}, {@code tick}, {@code reference}) and their series and row
 * ({@code data-series}, {@code data-row}) so the chart can be styled and checked.
 */
final class SvgDotPlot
{
    private static final int LABEL_WIDTH = 70;
    private static final int PLOT_WIDTH = 600;
    private static final int RIGHT = 40;
    private static final int TOP = 40;
    private static final int ROW_HEIGHT = 14;
    private static final int BOTTOM = 22;
    private static final String GRID = "#ddd";

    /**
     * @param value the series' value in this row, empty when there is none to draw
     * @param text the tooltip, e.g. {@code "412 ms ✓"} or {@code "failed"}
     */
    record Mark(Optional<Double> value, String text)
    {
        Mark
        {
            requireNonNull(value, "value is null");
            requireNonNull(text, "text is null");
        }
    }

    record Row(String label, List<Mark> marks)
    {
        Row
        {
            requireNonNull(label, "label is null");
            marks = List.copyOf(marks);
        }
    }

    private SvgDotPlot() {}

    /**
     * @param floor the smallest value the axis distinguishes (e.g. 1 ms); smaller ones sit on its lowest line
     * @param tick the label of a decade line
     * @param referenceLine a value to mark across every row (e.g. a ratio of 1)
     */
    static String render(String title, List<String> series, List<Row> rows, double floor, DoubleFunction<String> tick, Optional<Double> referenceLine)
    {
        LogScale scale = LogScale.covering(rows.stream().flatMap(row -> row.marks().stream()).flatMap(mark -> mark.value().stream())
                .mapToDouble(Double::doubleValue), floor);
        int plotHeight = rows.size() * ROW_HEIGHT;
        int width = LABEL_WIDTH + PLOT_WIDTH + RIGHT;
        int height = TOP + plotHeight + BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">"
                .formatted(width, height, width, height));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        legend(svg, series);
        for (double decade : scale.decades()) {
            String x = Html.number(x(scale, decade));
            svg.append("<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"%s\"/>".formatted(x, TOP - 4, x, TOP + plotHeight, GRID));
            svg.append("<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>".formatted(x, TOP - 7, Html.escape(tick.apply(decade))));
            svg.append("<text x=\"%s\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>".formatted(x, TOP + plotHeight + 14, Html.escape(tick.apply(decade))));
        }
        referenceLine.ifPresent(value -> {
            String x = Html.number(x(scale, value));
            svg.append("<line class=\"reference\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>".formatted(x, TOP - 4, x, TOP + plotHeight));
        });
        int y = TOP;
        for (Row row : rows) {
            int middle = y + ROW_HEIGHT / 2;
            svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#f3f3f3\"/>".formatted(LABEL_WIDTH, middle, LABEL_WIDTH + PLOT_WIDTH, middle));
            svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>".formatted(LABEL_WIDTH - 6, middle + 4, Html.escape(row.label())));
            for (int i = 0; i < row.marks().size(); i++) {
                mark(svg, row.marks().get(i), i, series.get(i), row.label(), scale, middle);
            }
            y += ROW_HEIGHT;
        }
        return svg.append("</svg>").toString();
    }

    private static void legend(StringBuilder svg, List<String> series)
    {
        int x = SvgMarks.seriesLegend(svg, series, LABEL_WIDTH);
        svg.append("<text x=\"%d\" y=\"13\" fill=\"#555\">× no value (see the table)</text>".formatted(x + 10));
    }

    private static void mark(StringBuilder svg, Mark mark, int index, String series, String label, LogScale scale, int middle)
    {
        String color = SvgBarChart.color(index);
        String tooltip = "<title>" + Html.escape(series + " " + label + ": " + mark.text()) + "</title>";
        String identity = "data-series=\"%s\" data-row=\"%s\"".formatted(Html.escape(series), Html.escape(label));
        if (mark.value().isPresent()) {
            svg.append("<circle class=\"dot\" %s cx=\"%s\" cy=\"%d\" r=\"4\" fill=\"%s\" fill-opacity=\"0.85\">%s</circle>".formatted(
                    identity, Html.number(x(scale, mark.value().get())), middle, color, tooltip));
        }
        else {
            // side by side, so that a query failing on every engine shows every cross
            int x = LABEL_WIDTH + 4 + 8 * index;
            svg.append("<path class=\"missing\" %s data-x=\"%d\" d=\"%s\" stroke=\"%s\" stroke-width=\"2\">%s</path>".formatted(
                    identity, x, SvgMarks.cross(x, middle, 3), color, tooltip));
        }
    }

    private static double x(LogScale scale, double value)
    {
        return LABEL_WIDTH + scale.share(value) * PLOT_WIDTH;
    }
}

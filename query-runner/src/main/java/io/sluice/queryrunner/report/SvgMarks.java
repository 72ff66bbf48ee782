package io.sluice.queryrunner.report;

import java.util.List;

/**
 * The marks the timeline and the dot plot share: a legend of one coloured dot per series, and the cross that
 * stands for an execution or value that is not ok.
 */
final class SvgMarks
{
    private static final int LEGEND_ITEM_WIDTH = 110;

    private SvgMarks() {}

    /**
     * A dot in the series' colour and its name for each series, from {@code left} along the top line.
     *
     * @return where the legend's next item goes
     */
    static int seriesLegend(StringBuilder svg, List<String> series, int left)
    {
        int x = left;
        for (int i = 0; i < series.size(); i++) {
            svg.append("<circle cx=\"%d\" cy=\"9\" r=\"4\" fill=\"%s\"/>".formatted(x + 4, SvgBarChart.color(i)));
            svg.append("<text x=\"%d\" y=\"13\">%s</text>".formatted(x + 12, Html.escape(series.get(i))));
            x += LEGEND_ITEM_WIDTH;
        }
        return x;
    }

    /**
     * Path data of an × centred on ({@code x}, {@code y}), {@code half} wide on each side.
     */
    static String cross(double x, double y, double half)
    {
        return "M%s %sL%s %sM%s %sL%s %s".formatted(
                Html.number(x - half), Html.number(y - half), Html.number(x + half), Html.number(y + half),
                Html.number(x - half), Html.number(y + half), Html.number(x + half), Html.number(y - half));
    }
}

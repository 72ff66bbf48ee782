package io.sluice.queryrunner.report;

import java.util.List;
import java.util.Optional;

/**
 * A horizontal grouped bar chart as inline SVG: one group per label, one bar per series, each with its value
 * written beside it; a missing value is drawn as a red note instead of a bar. For a few groups (the engines'
 * summary); many rows of values read better as a {@link SvgDotPlot}.
 */
final class SvgBarChart
{
    static final List<String> COLORS = List.of("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2");
    private static final int LABEL_WIDTH = 70;
    private static final int PLOT_WIDTH = 560;
    private static final int VALUE_WIDTH = 130;
    private static final int BAR_HEIGHT = 12;
    private static final int GROUP_GAP = 8;

    record Bar(Optional<Double> value, String text) {}

    record Group(String label, List<Bar> bars) {}

    private SvgBarChart() {}

    static String render(String title, List<String> series, List<Group> groups)
    {
        double max = maxOf(groups);
        int barsPerGroup = series.size();
        int legendHeight = 22;
        int height = legendHeight + groups.size() * (barsPerGroup * BAR_HEIGHT + GROUP_GAP) + 10;
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">".formatted(width, height, width, height));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        for (int i = 0; i < series.size(); i++) {
            int x = LABEL_WIDTH + i * 130;
            svg.append("<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>".formatted(x, color(i)));
            svg.append("<text x=\"%d\" y=\"13\">%s</text>".formatted(x + 14, Html.escape(series.get(i))));
        }
        int y = legendHeight;
        for (Group group : groups) {
            int groupHeight = barsPerGroup * BAR_HEIGHT;
            svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>".formatted(LABEL_WIDTH - 6, y + groupHeight / 2 + 4, Html.escape(group.label())));
            for (int i = 0; i < group.bars().size(); i++) {
                Bar bar = group.bars().get(i);
                int barY = y + i * BAR_HEIGHT;
                if (bar.value().isPresent()) {
                    int length = Math.max(1, (int) Math.round(PLOT_WIDTH * scale(bar.value().get(), max)));
                    svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>".formatted(
                            LABEL_WIDTH, barY, length, BAR_HEIGHT - 2, color(i), Html.escape(series.get(i) + " " + group.label() + ": " + bar.text())));
                    svg.append("<text x=\"%d\" y=\"%d\">%s</text>".formatted(LABEL_WIDTH + length + 4, barY + BAR_HEIGHT - 3, Html.escape(bar.text())));
                }
                else {
                    svg.append("<text x=\"%d\" y=\"%d\" fill=\"#c0392b\">%s</text>".formatted(LABEL_WIDTH + 4, barY + BAR_HEIGHT - 3, Html.escape(series.get(i) + ": " + bar.text())));
                }
            }
            y += groupHeight + GROUP_GAP;
        }
        return svg.append("</svg>").toString();
    }

    private static double maxOf(List<Group> groups)
    {
        return groups.stream().flatMap(group -> group.bars().stream()).flatMap(bar -> bar.value().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
    }

    private static double scale(double value, double max)
    {
        return max <= 0 ? 0 : Math.max(value, 0) / max;
    }

    static String color(int index)
    {
        return COLORS.get(index % COLORS.size());
    }
}

package io.sluice.queryrunner.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SvgDotPlotTest
{
    private static final List<String> ENGINES = List.of("trino", "clickhouse");

    @Test
    void placesEachEnginesDotOnItsQuerysRowByLogarithm()
            throws Exception
    {
        Document svg = SvgXml.parse(SvgDotPlot.render("latency", ENGINES, List.of(
                row("q1", Optional.of(10.0), Optional.of(1000.0)),
                row("q2", Optional.of(100.0), Optional.empty()),
                row("q3", Optional.empty(), Optional.empty())), 1, ms -> SvgTimeline.milliseconds((long) ms), Optional.empty()));

        double left = x(svg, "trino", "q1");
        double right = x(svg, "clickhouse", "q1");
        assertThat(right).isGreaterThan(left);
        // 10 ms to 1 s is two decades: 100 ms is half way
        assertThat(x(svg, "trino", "q2")).isCloseTo((left + right) / 2, within(0.1));
        assertThat(texts(svg, "//*[@class='tick']")).containsExactly("10 ms", "100 ms", "1 s");

        assertThat(y(svg, "trino", "q2")).isGreaterThan(y(svg, "trino", "q1"));
        assertThat(y(svg, "clickhouse", "q1")).isEqualTo(y(svg, "trino", "q1"));

        List<Element> missing = all(svg, "//*[@class='missing']");
        assertThat(missing).extracting(element -> element.getAttribute("data-series") + " " + element.getAttribute("data-row"))
                .containsExactly("clickhouse q2", "trino q3", "clickhouse q3");
        assertThat(missing.get(1).getAttribute("data-x")).isNotEqualTo(missing.get(2).getAttribute("data-x"));
        assertThat(missing.getFirst().getTextContent()).isEqualTo("clickhouse q2: failed");
        assertThat(all(svg, "//*[@class='reference']")).isEmpty();
    }

    @Test
    void growsByOneRowPerQueryAndMarksTheReference()
            throws Exception
    {
        List<SvgDotPlot.Row> rows = new ArrayList<>();
        for (int query = 1; query <= 103; query++) {
            rows.add(row("q" + query, Optional.of(0.5 + query / 100.0), Optional.of(1.0)));
        }

        Document few = SvgXml.parse(SvgDotPlot.render("ratio", ENGINES, rows.subList(0, 3), 0.01, ratio -> ratio + "×", Optional.of(1.0)));
        Document many = SvgXml.parse(SvgDotPlot.render("ratio", ENGINES, rows, 0.01, ratio -> ratio + "×", Optional.of(1.0)));

        double perRow = (height(many) - height(few)) / 100;
        assertThat(perRow).isEqualTo(14);
        assertThat(all(many, "//*[@class='dot']")).hasSize(206);
        Element reference = all(many, "//*[@class='reference']").getFirst();
        assertThat(Double.parseDouble(reference.getAttribute("x1"))).isCloseTo(x(many, "clickhouse", "q7"), within(0.1));
    }

    private static SvgDotPlot.Row row(String label, Optional<Double> trino, Optional<Double> clickhouse)
    {
        return new SvgDotPlot.Row(label, List.of(mark(trino), mark(clickhouse)));
    }

    private static SvgDotPlot.Mark mark(Optional<Double> value)
    {
        return new SvgDotPlot.Mark(value, value.map(ms -> ms + " ms").orElse("failed"));
    }

    private static double x(Document svg, String series, String row)
    {
        return Double.parseDouble(dot(svg, series, row).getAttribute("cx"));
    }

    private static double y(Document svg, String series, String row)
    {
        return Double.parseDouble(dot(svg, series, row).getAttribute("cy"));
    }

    private static Element dot(Document svg, String series, String row)
    {
        List<Element> dots = all(svg, "//*[@class='dot' and @data-series='%s' and @data-row='%s']".formatted(series, row));
        assertThat(dots).as("%s %s", series, row).hasSize(1);
        return dots.getFirst();
    }

    private static double height(Document svg)
    {
        return Double.parseDouble(svg.getDocumentElement().getAttribute("height"));
    }

    private static List<String> texts(Document svg, String xpath)
    {
        return all(svg, xpath).stream().map(Element::getTextContent).toList();
    }

    private static List<Element> all(Document svg, String xpath)
    {
        return SvgXml.all(svg, xpath);
    }
}

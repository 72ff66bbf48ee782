package io.sluice.queryrunner.report;

import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionStatus;
import io.sluice.queryrunner.run.RunFiles;
import io.sluice.queryrunner.run.RunRecord;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimelineReportTest
{
    private static final long START = 1_763_000_000_000L;
    private static final long END = START + 40_000;
    private static final long INJECTED = START + 10_000;
    private static final long CLEARED = START + 20_000;
    // the header faults.csv is written with, columns in its order
    private static final String HEADER = "target,kind,phase,injected_ms,cleared_ms,recovery_ms,queries_failed,latency_recovery_ms,start_ms,duration_ms,error";

    @Test
    void showsTheFaultWindowWhereItWasInEffectAmongTheExecutions(@TempDir Path directory)
            throws Exception
    {
        RunFiles.write(directory, run(true));
        Files.writeString(directory.resolve(FaultsFile.FILE_NAME), String.join("\n", HEADER,
                "clickhouse,kill,benchmark,%d,%d,12000,2,15000,10000,10000,".formatted(INJECTED, CLEARED),
                "kafka,kill,ingest,%d,%d,3000,0,,0,5000,".formatted(START - 120_000, START - 115_000),
                "s3,outage,benchmark,,,,0,,0,20000,\"could not reach s3, gave up\"") + "\n");

        Section timeline = Section.of(Files.readString(ReportRenderer.render(directory, Optional.empty())));

        assertThat(timeline.text("h2")).startsWith("Timeline");
        // the ingest fault ended before the run started and the s3 one never happened: one window
        List<Element> windows = timeline.all("//*[@class='fault-window']");
        assertThat(windows).hasSize(1);
        Element window = windows.getFirst();
        double windowFrom = number(window, "x");
        double windowTo = windowFrom + number(window, "width");
        // executions that started at the injection and at the clearing sit on the window's edges
        assertThat(windowFrom).isCloseTo(timeline.pointX("clickhouse", INJECTED), within(0.2));
        assertThat(windowTo).isCloseTo(timeline.pointX("trino", CLEARED), within(0.2));
        assertThat(timeline.pointX("trino", START + 5_000)).isLessThan(windowFrom);
        assertThat(timeline.pointX("trino", START + 30_000)).isGreaterThan(windowTo);

        // and time is linear: a 10 s window of a 40 s run is a quarter of the axis, starting at a quarter
        Element axis = timeline.all("//*[@class='x-axis']").getFirst();
        double axisFrom = number(axis, "x1");
        double axisLength = number(axis, "x2") - axisFrom;
        assertThat((windowFrom - axisFrom) / axisLength).isCloseTo(0.25, within(0.005));
        assertThat((windowTo - windowFrom) / axisLength).isCloseTo(0.25, within(0.005));
        List<Double> marks = timeline.all("//*[@class='recovery-mark']").stream().map(mark -> (number(mark, "x1") - axisFrom) / axisLength).toList();
        assertThat(marks).hasSize(2);
        assertThat(marks.get(0)).isCloseTo(22.0 / 40, within(0.005));
        assertThat(marks.get(1)).isCloseTo(25.0 / 40, within(0.005));

        assertThat(timeline.texts("//*[@class='fault-label']")).containsExactly("clickhouse:kill");
        assertThat(timeline.texts("//*[@class='fault-recovery']").getFirst()).contains("12.0 s").contains("15.0 s").contains("2 failed");

        // every measured execution is a point; the ones that failed are crosses, and slower is higher
        assertThat(timeline.all("//*[contains(@class,'point')]")).hasSize((int) run(true).executions().stream().filter(execution -> !execution.warmup()).count());
        List<Element> failed = timeline.all("//*[@class='point failed']");
        assertThat(failed).hasSize(2).allSatisfy(point -> assertThat(point.getAttribute("data-series")).isEqualTo("clickhouse"));
        assertThat(failed).allSatisfy(point -> assertThat(number(point, "data-x")).isBetween(windowFrom, windowTo));
        assertThat(timeline.pointY("trino", START + 30_000)).isLessThan(timeline.pointY("trino", START + 5_000));

        List<String> rows = timeline.texts("//table[@class='faults']/tr[td]");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("clickhouse:kill").contains("benchmark").contains("10.0").contains("20.0").contains("12.0 s");
        assertThat(rows.get(1)).startsWith("kafka:kill").contains("-120.0").contains("outside this run");
        assertThat(rows.get(2)).startsWith("s3:outage").contains("could not reach s3, gave up");
    }

    @Test
    void withoutFaultsTheTimelineIsLatencyOverTime(@TempDir Path directory)
            throws Exception
    {
        RunFiles.write(directory, run(true));

        Section timeline = Section.of(Files.readString(ReportRenderer.render(directory, Optional.empty())));

        assertThat(timeline.text("h2")).isEqualTo("Latency over time");
        assertThat(timeline.all("//*[@class='fault-window']")).isEmpty();
        assertThat(timeline.all("//table")).isEmpty();
        assertThat(timeline.all("//*[contains(@class,'point')]")).isNotEmpty();
    }

    @Test
    void resultsWithoutStartTimesHaveNoTimelineButStillListTheFaults(@TempDir Path directory)
            throws Exception
    {
        RunFiles.write(directory, run(false));
        assertThat(ReportRenderer.render(directory, Optional.empty())).content().doesNotContain("id=\"timeline\"");

        Files.writeString(directory.resolve(FaultsFile.FILE_NAME), HEADER + "\nclickhouse,kill,benchmark,%d,%d,,3,,0,1000,\n".formatted(INJECTED, CLEARED));
        Section timeline = Section.of(Files.readString(ReportRenderer.render(directory, Optional.empty())));

        assertThat(timeline.all("//*[local-name()='svg']")).isEmpty();
        assertThat(timeline.text("p[2]")).contains("no start times");
        assertThat(timeline.texts("//table[@class='faults']/tr[td]")).singleElement().asString().startsWith("clickhouse:kill").contains("3");
    }

    /**
     * Trino and ClickHouse each run q01 and q02 at the given times (warm-ups first, at the start); ClickHouse's
     * executions inside the fault window fail after long waits.
     */
    private static RunRecord run(boolean withStartTimes)
    {
        List<Execution> executions = new ArrayList<>();
        long[] trinoStarts = {START + 5_000, CLEARED, START + 30_000};
        long[] trinoWalls = {100, 300, 2_000};
        long[] clickHouseStarts = {START + 2_000, INJECTED, START + 12_000, START + 15_000};
        executions.add(execution(Engine.TRINO, "q01", 1, true, ExecutionStatus.OK, START, 900, withStartTimes));
        for (int i = 0; i < trinoStarts.length; i++) {
            executions.add(execution(Engine.TRINO, i % 2 == 0 ? "q01" : "q02", 2 + i / 2, false, ExecutionStatus.OK, trinoStarts[i], trinoWalls[i], withStartTimes));
        }
        for (int i = 0; i < clickHouseStarts.length; i++) {
            long started = clickHouseStarts[i];
            boolean down = started > INJECTED && started < CLEARED;
            executions.add(execution(Engine.CLICKHOUSE, i % 2 == 0 ? "q01" : "q02", 2 + i / 2, false, down ? ExecutionStatus.FAILED : ExecutionStatus.OK, started,
                    down ? 1_500 : 50, withStartTimes));
        }
        return new RunRecord("fault-run", "faults", "tpch.sf0_01", List.of(Engine.TRINO, Engine.CLICKHOUSE), List.of("q01", "q02"), 1, 2, 1, 60_000, START, END, executions);
    }

    private static Execution execution(Engine engine, String query, int run, boolean warmup, ExecutionStatus status, long startedAtMs, long wallMs, boolean withStartTimes)
    {
        return new Execution("fault-run", "tpch.sf0_01", engine, query, run, warmup, status, withStartTimes ? OptionalLong.of(startedAtMs) : OptionalLong.empty(), wallMs, 0,
                Optional.empty(), status == ExecutionStatus.OK ? Optional.empty() : Optional.of("Connection refused"), false, query + ".sql", Map.of());
    }

    private static double number(Element element, String attribute)
    {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    /**
     * The report's timeline section, parsed as XML (the section is well-formed, the page around it need not be).
     */
    private record Section(Document document)
    {
        static Section of(String html)
                throws Exception
        {
            int from = html.indexOf("<section id=\"timeline\">");
            int to = html.indexOf("</section>", from);
            assertThat(from).as("timeline section").isNotNegative();
            String section = html.substring(from, to + "</section>".length());
            return new Section(SvgXml.parse(section));
        }

        List<Element> all(String xpath)
        {
            return SvgXml.all(document, xpath);
        }

        List<String> texts(String xpath)
        {
            return all(xpath).stream().map(element -> element.getTextContent().strip()).toList();
        }

        String text(String child)
        {
            return texts("/section/" + child).getFirst();
        }

        /**
         * The x of the point of the series' execution that started at {@code startedAtMs}, found by its tooltip's time.
         */
        double pointX(String series, long startedAtMs)
        {
            return coordinate(series, startedAtMs, "cx", "data-x");
        }

        double pointY(String series, long startedAtMs)
        {
            return coordinate(series, startedAtMs, "cy", "data-y");
        }

        private double coordinate(String series, long startedAtMs, String circleAttribute, String crossAttribute)
        {
            List<Element> points = all("//*[contains(@class,'point') and @data-series='%s' and @data-started-ms='%d']".formatted(series, startedAtMs));
            assertThat(points).as("%s point started at %d", series, startedAtMs).hasSize(1);
            Element point = points.getFirst();
            return number(point, point.getTagName().equals("circle") ? circleAttribute : crossAttribute);
        }
    }
}

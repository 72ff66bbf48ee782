package io.sluice.queryrunner.report;

import io.sluice.queryrunner.run.ExecutionStatus;
import io.sluice.queryrunner.run.RunFiles;
import io.sluice.queryrunner.run.RunRecord;
import io.sluice.schema.result.Engine;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Renders {@code report.html} of a run directory from its {@code results.json}: one self-contained page
 * (inline CSS and SVG, no scripts, nothing fetched) with the per-query latency per engine, the geometric-mean
 * summary, a table of every query's median, status and validation, and — given a baseline run directory —
 * the per-query ratios and their geometric mean per engine. When the run directory holds a {@code faults.csv}
 * (a fault run), a timeline shows each fault's window with the measured executions' latency around it and a
 * table of the faults; otherwise the timeline shows latency over time. {@code sluice report RUN [--baseline RUN]}
 * calls {@link #render}; a fault run renders again once its {@code faults.csv} is written.
 */
public final class ReportRenderer
{
    private ReportRenderer() {}

    /**
     * Writes {@code runDirectory/report.html} and returns its path.
     *
     * @throws IllegalArgumentException if a directory holds no run, or its {@code faults.csv} cannot be read
     */
    public static Path render(Path runDirectory, Optional<Path> baselineDirectory)
    {
        requireNonNull(runDirectory, "runDirectory is null");
        requireNonNull(baselineDirectory, "baselineDirectory is null");
        RunRecord run = RunFiles.read(runDirectory);
        Optional<RunRecord> baseline = baselineDirectory.map(RunFiles::read);
        List<RecordedFault> faults = FaultsFile.read(runDirectory);
        Path report = runDirectory.resolve(RunFiles.REPORT);
        try {
            Files.writeString(report, html(run, baseline, faults));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write %s: %s".formatted(report, e.getMessage()), e);
        }
        return report;
    }

    public static String html(RunRecord run, Optional<RunRecord> baseline, List<RecordedFault> faults)
    {
        QueryTimings timings = QueryTimings.of(run);
        Optional<QueryTimings> before = baseline.map(QueryTimings::of);
        List<String> engines = run.engines().stream().map(ReportRenderer::name).toList();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sluice run ").append(Html.escape(run.runId())).append("</title>\n");
        html.append("<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}"
                + ".bad{color:#c0392b;font-weight:bold}.ok{color:#2e7d32}h2{margin-top:28px}</style></head><body>\n");
        html.append("<h1>Sluice benchmark run ").append(Html.escape(run.runId())).append("</h1>\n");
        html.append("<p>dataset <b>%s</b>, plan <b>%s</b>: %d queries × (%d warm-up + %d measured), concurrency %d, timeout %d s; started %s, took %.1f s.</p>\n".formatted(
                Html.escape(run.dataset()), Html.escape(run.plan()), run.queries().size(), run.warmups(), run.runs(), run.concurrency(), run.timeoutMs() / 1000,
                Instant.ofEpochMilli(run.startedAtMs()), (run.finishedAtMs() - run.startedAtMs()) / 1000.0));
        summary(html, run, timings, before);
        html.append("<h2>Latency per query (median of measured runs, log scale)</h2>\n<p>One row per query, a dot per engine; hover for the figure. "
                + "A cross at the left: no median (the query failed; the table below says why).</p>\n");
        html.append(latencyChart(run, timings, engines));
        timeline(html, run, faults, engines);
        before.ifPresent(base -> comparison(html, run, timings, base, baseline.orElseThrow(), engines));
        detail(html, run, timings);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, RunRecord run, QueryTimings timings, Optional<QueryTimings> before)
    {
        html.append("<h2>Summary</h2>\n<table><tr><th class=\"l\">engine</th><th>geometric mean (ms)</th><th>queries passed</th><th>validated</th><th>not ok executions</th>");
        before.ifPresent(_ -> html.append("<th>vs baseline (geo-mean of ratios)</th>"));
        html.append("</tr>\n");
        List<SvgBarChart.Bar> means = new ArrayList<>();
        for (Engine engine : run.engines()) {
            OptionalDouble mean = timings.geometricMeanMs(engine);
            long validated = timings.cells().get(engine).values().stream().filter(QueryTimings.Cell::validated).count();
            long bad = run.executions().stream().filter(execution -> execution.engine() == engine && execution.status() != ExecutionStatus.OK).count();
            html.append("<tr><td class=\"l\">%s</td><td>%s</td><td class=\"%s\">%d / %d</td><td>%d</td><td class=\"%s\">%d</td>".formatted(
                    name(engine), mean.isPresent() ? format(mean.getAsDouble()) : "–", timings.passed(engine) == run.queries().size() ? "ok" : "bad",
                    timings.passed(engine), run.queries().size(), validated, bad == 0 ? "ok" : "bad", bad));
            before.ifPresent(base -> {
                OptionalDouble ratio = timings.ratioTo(base, engine);
                html.append("<td>%s</td>".formatted(ratio.isPresent() ? "%.3f×".formatted(ratio.getAsDouble()) : "–"));
            });
            html.append("</tr>\n");
            means.add(new SvgBarChart.Bar(mean.isPresent() ? Optional.of(mean.getAsDouble()) : Optional.empty(),
                    mean.isPresent() ? format(mean.getAsDouble()) + " ms" : "no query passed"));
        }
        html.append("</table>\n<p>Geometric mean over the queries that passed on the engine (every measured run ok). Failed, timed-out and wrong results are listed below, never averaged.</p>\n");
        html.append(SvgBarChart.render("geometric mean of query latency per engine (ms)", run.engines().stream().map(ReportRenderer::name).toList(),
                List.of(new SvgBarChart.Group("geo-mean", means))));
    }

    private static String latencyChart(RunRecord run, QueryTimings timings, List<String> engines)
    {
        List<SvgDotPlot.Row> rows = new ArrayList<>();
        for (String query : run.queries()) {
            List<SvgDotPlot.Mark> marks = new ArrayList<>();
            for (Engine engine : run.engines()) {
                QueryTimings.Cell cell = timings.cell(engine, query).orElseThrow();
                marks.add(cell.medianMs()
                        .map(ms -> new SvgDotPlot.Mark(Optional.of((double) ms), ms + " ms" + (cell.validated() ? " ✓" : "")))
                        .orElseGet(() -> new SvgDotPlot.Mark(Optional.empty(), cell.status().label())));
            }
            rows.add(new SvgDotPlot.Row(query, marks));
        }
        return SvgDotPlot.render("latency per query and engine (ms)", engines, rows, 1, ms -> SvgTimeline.milliseconds((long) ms), Optional.empty());
    }

    private static void timeline(StringBuilder html, RunRecord run, List<RecordedFault> faults, List<String> engines)
    {
        List<SvgTimeline.Point> points = run.executions().stream()
                .filter(execution -> !execution.warmup() && execution.startedAtMs().isPresent())
                .map(execution -> new SvgTimeline.Point(run.engines().indexOf(execution.engine()), execution.startedAtMs().getAsLong(), execution.wallMs(),
                        execution.status() == ExecutionStatus.OK,
                        "%s %s run %d: %s, %d ms".formatted(name(execution.engine()), execution.query(), execution.run(), execution.status().label(), execution.wallMs())))
                .toList();
        if (faults.isEmpty() && points.isEmpty()) {
            return;
        }
        html.append("<section id=\"timeline\">\n");
        if (faults.isEmpty()) {
            html.append("<h2>Latency over time</h2>\n<p>Each measured execution at the time it started.</p>\n");
        }
        else {
            html.append("<h2>Timeline: faults and query latency</h2>\n<p>Each measured execution at the time it started; shaded: a fault in effect, "
                    + "from its injection to its clearing; dashed: the first successful query after it and latency back within 10% of the median before it.</p>\n");
        }
        if (points.isEmpty()) {
            html.append("<p>This run's results hold no start times (they were written before start times were kept), so there is no timeline.</p>\n");
        }
        else {
            String title = faults.isEmpty() ? "query latency over time" : "faults and query latency over time";
            html.append(SvgTimeline.render(title, engines, points, faults, run.startedAtMs(), run.finishedAtMs())).append('\n');
        }
        if (!faults.isEmpty()) {
            faultTable(html, run, faults);
        }
        html.append("</section>\n");
    }

    private static void faultTable(StringBuilder html, RunRecord run, List<RecordedFault> faults)
    {
        html.append("<table class=\"faults\"><tr><th class=\"l\">fault</th><th class=\"l\">phase</th><th>injected (s after start)</th><th>cleared (s after start)</th>"
                + "<th>first query ok after</th><th>latency back after</th><th>queries failed</th><th class=\"l\">note</th></tr>\n");
        for (RecordedFault fault : faults) {
            String note = fault.error().orElse(fault.injectedAtMs().isEmpty() ? "never injected"
                    : fault.overlaps(run.startedAtMs(), run.finishedAtMs()) ? "" : "outside this run's queries, not drawn");
            html.append("<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"%s\">%d</td><td class=\"l\">%s</td></tr>\n".formatted(
                    Html.escape(fault.label()), Html.escape(fault.phase()), secondsSince(fault.injectedAtMs(), run), secondsSince(fault.clearedAtMs(), run),
                    fault.recoveryMs().isPresent() ? SvgTimeline.duration(fault.recoveryMs().getAsLong()) : "–",
                    fault.latencyRecoveryMs().isPresent() ? SvgTimeline.duration(fault.latencyRecoveryMs().getAsLong()) : "–",
                    fault.queriesFailed() == 0 ? "ok" : "bad", fault.queriesFailed(), Html.escape(note)));
        }
        html.append("</table>\n");
    }

    private static String secondsSince(OptionalLong epochMs, RunRecord run)
    {
        return epochMs.isPresent() ? String.format(Locale.ROOT, "%.1f", (epochMs.getAsLong() - run.startedAtMs()) / 1000.0) : "–";
    }

    private static void comparison(StringBuilder html, RunRecord run, QueryTimings timings, QueryTimings before, RunRecord baseline, List<String> engines)
    {
        html.append("<h2>Against baseline %s</h2>\n".formatted(Html.escape(baseline.runId())));
        html.append("<p>Per query: (ms + %.0f) / (baseline ms + %.0f); below 1 is faster than the baseline. Per engine: the geometric mean of those ratios over the queries both runs passed.</p>\n"
                .formatted(QueryTimings.SHIFT_MS, QueryTimings.SHIFT_MS));
        List<SvgDotPlot.Row> rows = new ArrayList<>();
        for (String query : run.queries()) {
            List<SvgDotPlot.Mark> marks = new ArrayList<>();
            for (Engine engine : run.engines()) {
                Double ratio = timings.ratios(before, engine).get(query);
                marks.add(ratio == null ? new SvgDotPlot.Mark(Optional.empty(), "no comparison") : new SvgDotPlot.Mark(Optional.of(ratio), "%.2f×".formatted(ratio)));
            }
            rows.add(new SvgDotPlot.Row(query, marks));
        }
        html.append(SvgDotPlot.render("ratio to baseline per query (log scale)", engines, rows, 0.01, ReportRenderer::ratioTick, Optional.of(1.0)));
    }

    private static void detail(StringBuilder html, RunRecord run, QueryTimings timings)
    {
        html.append("<h2>Queries</h2>\n<table><tr><th class=\"l\">query</th>");
        run.engines().forEach(engine -> html.append("<th>%s median ms</th><th>%s status</th>".formatted(name(engine), name(engine))));
        html.append("</tr>\n");
        for (String query : run.queries()) {
            html.append("<tr><td class=\"l\">").append(query).append("</td>");
            for (Engine engine : run.engines()) {
                QueryTimings.Cell cell = timings.cell(engine, query).orElseThrow();
                html.append("<td>%s</td><td class=\"%s\">%s</td>".formatted(cell.medianMs().map(String::valueOf).orElse("–"), cell.passed() ? "ok" : "bad",
                        cell.passed() ? (cell.validated() ? "ok, validated" : "ok, not checked") : cell.status().label()));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        List<String> errors = run.executions().stream()
                .filter(execution -> execution.status() != ExecutionStatus.OK)
                .map(execution -> "%s %s run %d: %s — %s".formatted(name(execution.engine()), execution.query(), execution.run(), execution.status().label(), execution.error().orElse("")))
                .toList();
        if (!errors.isEmpty()) {
            html.append("<h2>Errors</h2>\n<ul>");
            errors.forEach(error -> html.append("<li class=\"bad\">").append(Html.escape(error)).append("</li>"));
            html.append("</ul>\n");
        }
    }

    private static String name(Engine engine)
    {
        return engine.name().toLowerCase(Locale.ROOT);
    }

    private static String ratioTick(double ratio)
    {
        return BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString() + "×";
    }

    private static String format(double value)
    {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
    }
}

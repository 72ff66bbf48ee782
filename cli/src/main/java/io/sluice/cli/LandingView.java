package io.sluice.cli;

import io.sluice.ingest.tracker.DatasetProgress;
import io.sluice.ingest.tracker.DatasetWaitException;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;
import io.sluice.schema.topic.Topics;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How the commands that wait for a dataset on {@code sluice.events} show its landing, its sinks and a failed wait. */
final class LandingView {
    private LandingView() {}

    /** Rows landed in every one of {@code sinks} so far: the least of theirs, 0 while one has landed nothing. */
    static long landedInEverySink(DatasetProgress progress, Set<Sink> sinks) {
        return sinks.stream().mapToLong(sink -> progress.landedRows().getOrDefault(sink, 0L)).min().orElse(0);
    }

    /**
     * Rows landed in every sink against the dataset's rows; while generators still write it (as {@code watch} may see
     * it) the total is not known yet, so the bar shows no fraction, only the rows produced so far.
     */
    static void show(ProgressBar bar, DatasetProgress progress, Set<Sink> sinks) {
        long landed = landedInEverySink(progress, sinks);
        String tables = progress.plan().map(plan -> String.valueOf(plan.tables().size())).orElse("?");
        String ready = progress.tablesReady().isEmpty() ? "none yet" : new TreeMap<>(progress.tablesReady()).entrySet().stream()
                .map(entry -> "%s %d/%s".formatted(entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue(), tables))
                .collect(Collectors.joining(", "));
        if (progress.generated()) {
            double fraction = progress.producedRows() == 0 ? 1 : (double) landed / progress.producedRows();
            bar.update("land " + progress.dataset(), Optional.of(fraction), "%,d/%,d rows in every sink, tables ready: %s".formatted(landed, progress.producedRows(), ready));
        }
        else {
            bar.update("land " + progress.dataset(), Optional.empty(),
                    "%,d rows in every sink of %,d produced so far (still generating), tables ready: %s".formatted(landed, progress.producedRows(), ready));
        }
    }

    /** One line per sink, in the sinks' order: rows, MB of row payloads, landing time, rows/s and objects, as its {@code DatasetReady} says. */
    static void printSinks(PrintWriter out, Map<Sink, DatasetReady> ready) {
        new EnumMap<>(ready).forEach((sink, event) -> out.printf("  %-16s %,12d rows %10.1f MB %8.1f s %14s  %,d objects%n",
                "land " + sink.label(), event.rows(), event.bytes() / 1e6, event.durationMs() / 1e3,
                ProgressBar.rate(event.durationMs() == 0 ? 0 : event.rows() * 1000.0 / event.durationMs()), event.objects()));
    }

    /**
     * Why a wait for the dataset ended without it, said for what the user can do about it. The wait's exception is
     * suppressed, not the cause: the line says all of it that helps, and the exception stays in the debug log.
     *
     * @param prefix what the command did not do because of it ("not sent: "), or empty
     * @param scaleFactor the scale factor as the user wrote it, for the command that generates the dataset
     * @param stillLanding what to do when the dataset is on its way but not ready yet
     */
    static IllegalStateException notReady(String prefix, DatasetId dataset, String scaleFactor, DatasetWaitException e, String stillLanding) {
        String reason;
        if (e.failure().isEmpty() && e.progress().plan().isEmpty() && e.progress().producedSubChunks() == 0) {
            reason = "%s was never generated into this Kafka (no DatasetPlanned on %s); generate it first: sluice trigger --benchmark %s --scale-factor %s"
                    .formatted(dataset, Topics.EVENTS, dataset.benchmark().id(), scaleFactor);
        }
        else if (e.failure().isPresent()) {
            reason = e.getMessage();
        }
        else {
            reason = e.getMessage() + "; " + stillLanding;
        }
        IllegalStateException notReady = new IllegalStateException(prefix + reason);
        notReady.addSuppressed(e);
        return notReady;
    }
}

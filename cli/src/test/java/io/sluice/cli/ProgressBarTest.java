package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProgressBarTest {
    private final StringWriter written = new StringWriter();

    @Test
    void aTerminalBarNeverWrapsSoItCanBeRedrawnInPlace() {
        ProgressBar bar = new ProgressBar(new PrintWriter(written), true, 60, Duration.ZERO);

        bar.update("land tpch.sf0_1", Optional.of(0.5), "433,301/866,602 rows in every sink, tables ready {CLICKHOUSE=8, PARQUET=7}");
        bar.update("land tpch.sf0_1", Optional.of(1.0), "866,602/866,602 rows in every sink, tables ready {CLICKHOUSE=8, PARQUET=8}");
        bar.finish();

        List<String> draws = draws();
        assertThat(draws).hasSize(2).allSatisfy(draw -> assertThat(draw.strip().length()).isLessThan(60));
        assertThat(draws.get(0)).startsWith("land tpch.sf0_1 [###############...............]  50% 433,").endsWith("…");
        assertThat(draws.get(1)).contains("[##############################] 100%");
        assertThat(written.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void theLastStateIsShownEvenWhenItCameTooSoon() {
        ProgressBar bar = new ProgressBar(new PrintWriter(written), true, 120, Duration.ofHours(1));

        bar.update("generate tpch.sf1", Optional.of(0.1), "10 rows");
        bar.update("generate tpch.sf1", Optional.of(0.7), "70 rows");
        bar.update("generate tpch.sf1", Optional.of(1.0), "100 rows");
        assertThat(draws()).hasSize(1);
        bar.finish();

        assertThat(draws()).hasSize(2);
        assertThat(draws().getLast()).contains("100%").contains("100 rows");
    }

    @Test
    void elsewherePlainLinesAtTheInterval() {
        ProgressBar bar = new ProgressBar(new PrintWriter(written), false, 80, Duration.ofHours(1));

        bar.update("generate tpch.sf1", Optional.of(0.25), "25 rows");
        bar.update("generate tpch.sf1", Optional.empty(), "30 rows");
        bar.finish();

        assertThat(written.toString().lines().toList()).containsExactly("generate tpch.sf1 25% 25 rows", "generate tpch.sf1 ? 30 rows");
    }

    /** Each redraw of the bar, without its clear-line prefix. */
    private List<String> draws() {
        return Arrays.stream(written.toString().split("\r\033\\[2K")).filter(draw -> !draw.isEmpty()).toList();
    }

    /** Under a pseudo-terminal ({@code script}), with one of standard output and error sent to a file. */
    @Test
    void aBarIsDrawnWhenStandardErrorIsATerminalWhereverStandardOutputGoes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script makes the pseudo-terminal");
        assertThat(probeUnderTerminal(dir, "2> " + dir.resolve("err"))).as("standard error to a file").isEqualTo("false");
        assertThat(probeUnderTerminal(dir, "> " + dir.resolve("out"))).as("standard output to a file").isEqualTo("true");
    }

    private static String probeUnderTerminal(Path dir, String redirect) throws Exception {
        Path answer = dir.resolve("answer");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String command = "'%s' --enable-native-access=ALL-UNNAMED -cp '%s' %s '%s' %s".formatted(java, System.getProperty("java.class.path"), TerminalProbe.class.getName(), answer, redirect);
        Process script = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null").redirectErrorStream(true).redirectOutput(dir.resolve("script.log").toFile()).start();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(Files.readString(dir.resolve("script.log"))).isZero();
        return Files.readString(answer);
    }

    @Test
    void ratesInMillionsThousandsOrRows() {
        assertThat(ProgressBar.rate(8_661_245 / 33.1)).isEqualTo("262k rows/s");
        assertThat(ProgressBar.rate(2_400_000)).isEqualTo("2.40M rows/s");
        assertThat(ProgressBar.rate(30 / 7.1)).as("a tiny table is not 0k rows/s").isEqualTo("4 rows/s");
    }
}

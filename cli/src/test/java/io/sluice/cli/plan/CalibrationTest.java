package io.sluice.cli.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationTest
{
    @TempDir
    Path runDir;

    @Test
    void roundTripsThroughTheRunDir()
    {
        Calibration calibration = new Calibration("bench tpch.sf1", 1, 2, 3, 4, 5, 6, 7);
        Path file = Calibration.file(runDir);

        calibration.write(file);

        assertThat(file).isEqualTo(runDir.resolve("bench/last.json"));
        assertThat(Calibration.read(file)).contains(calibration);
    }

    @Test
    void noFileMeansNoCalibration()
    {
        assertThat(Calibration.read(Calibration.file(runDir))).isEmpty();
    }

    @Test
    void aBrokenFileSaysWhatToDo() throws IOException
    {
        Path file = Calibration.file(runDir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"source\": \"x\", \"generatorRowsPerCoreSecond\": -1}");

        assertThatThrownBy(() -> Calibration.read(file)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("rerun 'sluice bench'");
    }
}

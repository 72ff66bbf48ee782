package io.sluice.cli;

import io.sluice.cli.plan.Calibration;
import io.sluice.schema.dataset.DatasetId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskSpaceTest {
    @TempDir
    Path runDir;

    @Test
    void theDatasetTakesItsRowsTimesEachStoresBytesPerRow() {
        // TPC-H nation and region have 25 and 5 rows at every scale factor
        DiskSpace space = DiskSpace.of(runDir, DatasetId.parse("tpch.sf1"), List.of("nation", "region"), Calibration.defaults());

        assertThat(space.kafkaBytes()).isEqualTo(30 * 49);
        assertThat(space.parquetBytes()).isEqualTo(30 * 27);
        assertThat(space.clickhouseBytes()).isEqualTo(30 * 49);
        assertThat(space.neededBytes()).isEqualTo(30 * 125);
        assertThat(space.usableBytes()).isPositive();
        assertThat(space.shortfall()).isEmpty();
    }

    @Test
    void theBenchsStackHoldsTwoCopiesInEachSink() {
        DiskSpace space = DiskSpace.of(runDir, DatasetId.parse("tpch.sf1"), List.of("nation", "region"), Calibration.defaults(), 2);

        assertThat(space.kafkaBytes()).isEqualTo(30 * 49);
        assertThat(space.parquetBytes()).isEqualTo(2 * 30 * 27);
        assertThat(space.clickhouseBytes()).isEqualTo(2 * 30 * 49);
        assertThatThrownBy(() -> DiskSpace.of(runDir, DatasetId.parse("tpch.sf1"), List.of(), Calibration.defaults(), 0)).hasMessage("copiesPerSink must be at least 1, got 0");
    }

    @Test
    void aCalibrationThatDoesNotReadGivesTheDefaultRates() throws IOException {
        Files.createDirectories(Calibration.file(runDir).getParent());
        Files.writeString(Calibration.file(runDir), "{\"source\": ");

        assertThat(DiskSpace.rates(runDir)).isEqualTo(Calibration.defaults());
    }

    @Test
    void aDatasetLargerThanTheDiskIsRefusedWithTheFigures() {
        DiskSpace space = new DiskSpace(DatasetId.parse("tpch.sf100"), 43_000_000_000L, 23_000_000_000L, 43_100_000_000L, 65_000_000_000L);

        assertThat(space.shortfall()).hasValue("tpch.sf100 takes about 109.1 GB on the run dir's disk (Kafka 43.0 GB, Parquet 23.0 GB, ClickHouse 43.1 GB), which has 65.0 GB for it");
        assertThat(new DiskSpace(space.dataset(), 1, 1, 1, 3).shortfall()).isEmpty();
    }
}

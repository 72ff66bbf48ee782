package io.sluice.schema.dataset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetIdTest
{
    @Test
    void writesBenchmarkAndScaleToken()
    {
        DatasetId tiny = new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.01"));
        assertThat(tiny.toString()).isEqualTo("tpch.sf0_01");
        assertThat(tiny.databaseName()).isEqualTo("tpch_sf0_01");
        assertThat(new DatasetId(Benchmark.TPCDS, ScaleFactor.of(100)).toString()).isEqualTo("tpcds.sf100");
    }

    @Test
    void parsesWhatItWrites()
    {
        for (DatasetId id : new DatasetId[] {
                new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.01")),
                new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.5")),
                new DatasetId(Benchmark.TPCH, ScaleFactor.of(1000)),
                new DatasetId(Benchmark.TPCDS, ScaleFactor.of(1))}) {
            assertThat(DatasetId.parse(id.toString())).isEqualTo(id);
        }
    }

    @Test
    void databaseNameIsAPlainSqlIdentifier()
    {
        assertThat(new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.25")).databaseName()).matches("[a-z_][a-z0-9_]*");
    }

    @Test
    void rejectsMalformedIdsAndUnsupportedScales()
    {
        assertThatThrownBy(() -> DatasetId.parse("tpch-sf1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<benchmark>.sf<N>");
        assertThatThrownBy(() -> DatasetId.parse("tpch.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<benchmark>.sf<N>");
        assertThatThrownBy(() -> DatasetId.parse("tpcds.sf2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tpcds does not support scale factor 2");
    }
}

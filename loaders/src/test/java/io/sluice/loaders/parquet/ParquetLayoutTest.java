package io.sluice.loaders.parquet;

import io.sluice.schema.dataset.DatasetId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetLayoutTest
{
    @Test
    void objectKeysAreThePositionOfTheirFirstRow()
    {
        DatasetId dataset = DatasetId.parse("tpch.sf0_01");

        assertThat(ParquetLayout.tablePrefix(dataset, "lineitem")).isEqualTo("tpch/sf0_01/lineitem/");
        assertThat(ParquetLayout.objectKey(dataset, "lineitem", 3, 42)).isEqualTo("tpch/sf0_01/lineitem/part-3-42.parquet");
        assertThat(ParquetLayout.objectKey(DatasetId.parse("tpcds.sf100"), "store_sales", 0, 0)).isEqualTo("tpcds/sf100/store_sales/part-0-0.parquet");
        assertThat(ParquetLayout.objectKey(dataset, "orders", 0, Long.MAX_VALUE)).endsWith("/part-0-" + Long.MAX_VALUE + ParquetLayout.SUFFIX);
    }

    @Test
    void badArgumentsAreNamed()
    {
        DatasetId dataset = DatasetId.parse("tpch.sf1");
        assertThatThrownBy(() -> ParquetLayout.tablePrefix(dataset, "store_sales"))
                .hasMessageStartingWith("tpch has no table 'store_sales'; tables are: ");
        assertThatThrownBy(() -> ParquetLayout.objectKey(dataset, "orders", -1, 0))
                .hasMessage("partition and firstOffset must be >= 0, got -1 and 0");
        assertThatThrownBy(() -> ParquetLayout.objectKey(dataset, "orders", 0, -5))
                .hasMessage("partition and firstOffset must be >= 0, got 0 and -5");
    }
}

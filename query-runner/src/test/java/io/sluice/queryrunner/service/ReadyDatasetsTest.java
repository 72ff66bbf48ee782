package io.sluice.queryrunner.service;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadyDatasetsTest
{
    private static final DatasetId SF1 = DatasetId.parse("tpch.sf1");
    private static final DatasetId SF10 = DatasetId.parse("tpch.sf10");

    @Test
    void theEventThatCompletesTheRequiredSinksTriggersOnce()
    {
        ReadyDatasets ready = new ReadyDatasets(Set.of(Sink.PARQUET, Sink.CLICKHOUSE));
        assertThat(ready.add(ready(SF1, Sink.PARQUET))).isEmpty();
        assertThat(ready.add(ready(SF10, Sink.CLICKHOUSE))).isEmpty();
        assertThat(ready.add(ready(SF1, Sink.PARQUET))).isEmpty();
        assertThat(ready.add(ready(SF1, Sink.CLICKHOUSE))).contains(Set.of(Sink.PARQUET, Sink.CLICKHOUSE));
        // a sink announcing again (a lander replaying its batches) does not trigger the dataset a second time
        assertThat(ready.add(ready(SF1, Sink.CLICKHOUSE))).isEmpty();
        assertThat(ready.add(ready(SF10, Sink.PARQUET))).contains(Set.of(Sink.PARQUET, Sink.CLICKHOUSE));
    }

    @Test
    void withOneRequiredSinkItsEventAloneTriggers()
    {
        ReadyDatasets ready = new ReadyDatasets(Set.of(Sink.CLICKHOUSE));
        assertThat(ready.add(ready(SF1, Sink.PARQUET))).isEmpty();
        assertThat(ready.add(ready(SF1, Sink.CLICKHOUSE))).contains(Set.of(Sink.PARQUET, Sink.CLICKHOUSE));
        assertThatThrownBy(() -> new ReadyDatasets(Set.of())).hasMessage("no required sinks");
    }

    private static DatasetReady ready(DatasetId dataset, Sink sink)
    {
        return new DatasetReady(dataset, sink, List.of("nation"), 25, 2_000, 1, 100);
    }
}

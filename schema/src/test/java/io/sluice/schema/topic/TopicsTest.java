package io.sluice.schema.topic;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TopicsTest
{
    @Test
    void namesRowTopicsByDatasetAndTable()
    {
        assertThat(Topics.rows(Benchmark.TPCH, ScaleFactor.of(1), "lineitem")).isEqualTo("tpch.sf1.lineitem");
        assertThat(Topics.rows(Benchmark.TPCH, ScaleFactor.parse("0.01"), "orders")).isEqualTo("tpch.sf0_01.orders");
        assertThat(Topics.rows(Benchmark.TPCDS, ScaleFactor.of(10), "store_sales")).isEqualTo("tpcds.sf10.store_sales");
    }

    @Test
    void everyTopicIsALegalKafkaTopicName()
    {
        for (String topic : List.of(Topics.CONTROL, Topics.EVENTS, Topics.RESULTS, Topics.DLQ)) {
            assertThatNoException().as(topic).isThrownBy(() -> Topic.validate(topic));
        }
        for (Benchmark benchmark : Benchmark.values()) {
            for (String table : benchmark.tables()) {
                String topic = Topics.rows(benchmark, ScaleFactor.parse("0.01"), table);
                assertThatNoException().as(topic).isThrownBy(() -> Topic.validate(topic));
            }
        }
    }

    @Test
    void theEventsTopicIsKeptForGoodAndTheOthersTakeTheBrokersRetention()
    {
        assertThat(Topics.config(Topics.EVENTS)).isEqualTo(Map.of("retention.ms", "-1"));
        assertThat(List.of(Topics.CONTROL, Topics.RESULTS, Topics.DLQ, "tpch.sf1.lineitem")).allSatisfy(topic -> assertThat(Topics.config(topic)).isEmpty());
    }

    @Test
    void aTopicNameIsCheckedAsKafkaChecksIt()
    {
        assertThat(Topics.checkName("sluice.events-v2_b")).isEqualTo("sluice.events-v2_b");
        assertThatThrownBy(() -> Topics.checkName("a".repeat(250)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is longer than the max allowed length 249");
        assertThatThrownBy(() -> Topics.checkName(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Topic name is invalid: the empty string is not allowed");
    }

    @Test
    void rejectsUnknownTableNamingTheTables()
    {
        assertThatThrownBy(() -> Topics.rows(Benchmark.TPCH, ScaleFactor.of(1), "store_sales"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tpch has no table 'store_sales'")
                .hasMessageContaining("lineitem");
    }
}

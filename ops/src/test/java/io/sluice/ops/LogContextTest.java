package io.sluice.ops;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTest
{
    @Test
    void nestedContextsPutBackWhatWasThere()
    {
        try (LogContext outer = LogContext.open().with(LogContext.DATASET, "tpch.sf1").with(LogContext.RUN, "r1")) {
            try (LogContext inner = LogContext.open().with(LogContext.DATASET, "tpch.sf10").with(LogContext.TABLE, "lineitem")) {
                assertThat(MDC.getCopyOfContextMap()).containsEntry("dataset", "tpch.sf10").containsEntry("table", "lineitem").containsEntry("run", "r1");
            }
            assertThat(MDC.getCopyOfContextMap()).containsEntry("dataset", "tpch.sf1").containsEntry("run", "r1").doesNotContainKey("table");
        }
        assertThat(MDC.get("dataset")).isNull();
        assertThat(MDC.get("run")).isNull();
    }
}

package io.sluice.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.ops.LogContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's logback.xml: SLUICE_LOG_FORMAT=json writes one JSON object per line to stderr with the MDC ids. */
class JsonLogTest {
    @Test
    void jsonLinesCarryLevelLoggerMessageAndTheLogContext() throws Exception {
        List<String> lines = logWith("json", log -> {
            try (LogContext context = LogContext.open().with(LogContext.DATASET, "tpch.sf1").with(LogContext.TABLE, "lineitem").with(LogContext.CHUNK, "3/8.2")) {
                log.info("landed {} rows", 1234);
            }
            log.warn("outside");
        });

        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("loggerName").asText()).isEqualTo("io.sluice.test");
        assertThat(first.path("formattedMessage").asText()).isEqualTo("landed 1234 rows");
        assertThat(first.path("mdc").path("dataset").asText()).isEqualTo("tpch.sf1");
        assertThat(first.path("mdc").path("table").asText()).isEqualTo("lineitem");
        assertThat(first.path("mdc").path("chunk").asText()).isEqualTo("3/8.2");
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.path("mdc").path("dataset").isMissingNode() || second.path("mdc").isEmpty()).isTrue();
    }

    @Test
    void textIsTheDefault() throws Exception {
        List<String> lines = logWith(null, log -> log.info("landed {} rows", 1234));

        assertThat(lines).singleElement().asString().endsWith("INFO  test - landed 1234 rows");
    }

    private static List<String> logWith(String format, java.util.function.Consumer<Logger> logging) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        if (format != null) {
            context.putProperty(LogFormat.ENV, format);
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(JsonLogTest.class.getResource("/logback.xml"));
            // a warning makes logback print its whole status log at every start
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .allSatisfy(status -> assertThat(status.getLevel()).as(status.toString()).isEqualTo(Status.INFO));
            logging.accept(context.getLogger("io.sluice.test"));
        }
        finally {
            System.setErr(err);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}

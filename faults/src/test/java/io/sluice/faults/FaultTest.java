package io.sluice.faults;

import io.sluice.schema.command.RunFault;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultTest
{
    @Test
    void parsesTheShortForm()
    {
        assertThat(Fault.parse("kafka:kill@ingest"))
                .isEqualTo(new Fault(FaultTarget.KAFKA, FaultKind.KILL, FaultPhase.INGEST, Duration.ZERO, Fault.DEFAULT_DURATION));
        assertThat(Fault.parse("clickhouse:kill@benchmark").phase()).isEqualTo(FaultPhase.QUERY);
        assertThat(Fault.parse("parquet-lander:pause@generate").target()).isEqualTo(FaultTarget.PARQUET_LANDER);
    }

    @Test
    void parsesStartAndDuration()
    {
        assertThat(Fault.parse("s3:outage@ingest+20s"))
                .isEqualTo(new Fault(FaultTarget.S3, FaultKind.OUTAGE, FaultPhase.INGEST, Duration.ZERO, Duration.ofSeconds(20)));
        assertThat(Fault.parse("trino:slow@benchmark/1500ms+2m"))
                .isEqualTo(new Fault(FaultTarget.TRINO, FaultKind.SLOW, FaultPhase.QUERY, Duration.ofMillis(1500), Duration.ofMinutes(2)));
        assertThat(Fault.parse("kafka:loss@ingest/5s"))
                .isEqualTo(new Fault(FaultTarget.KAFKA, FaultKind.LOSS, FaultPhase.INGEST, Duration.ofSeconds(5), Fault.DEFAULT_DURATION));
    }

    @Test
    void printsTheCompleteFormItParses()
    {
        Fault fault = Fault.parse("clickhouse:kill@benchmark/1500ms+20s");

        assertThat(fault.toString()).isEqualTo("clickhouse:kill@benchmark/1500ms+20s");
        assertThat(Fault.parse(fault.toString())).isEqualTo(fault);
        assertThat(Fault.parse("s3:outage@ingest")).hasToString("s3:outage@ingest/0s+10s");
    }

    @Test
    void badInputIsOneLineNamingWhatIsAllowed()
    {
        assertThatThrownBy(() -> Fault.parse("kafka"))
                .hasMessage("fault 'kafka': expected TARGET:KIND@PHASE[/START][+DURATION], e.g. kafka:kill@ingest or s3:outage@ingest+20s");
        assertThatThrownBy(() -> Fault.parse("hdfs:kill@ingest"))
                .hasMessage("fault 'hdfs:kill@ingest': unknown target 'hdfs'; targets: kafka, s3, clickhouse, trino, generator, parquet-lander, clickhouse-lander");
        assertThatThrownBy(() -> Fault.parse("kafka:explode@ingest"))
                .hasMessage("fault 'kafka:explode@ingest': unknown kind 'explode'; kinds: kill, pause, slow, loss, outage");
        assertThatThrownBy(() -> Fault.parse("kafka:kill@query"))
                .hasMessage("fault 'kafka:kill@query': unknown phase 'query'; phases: generate, ingest, benchmark");
        assertThatThrownBy(() -> Fault.parse("kafka:kill@ingest+20"))
                .hasMessage("fault 'kafka:kill@ingest+20': duration '20' is not a duration like 500ms, 20s or 2m");
        assertThatThrownBy(() -> Fault.parse("kafka:kill@ingest/x+20s"))
                .hasMessage("fault 'kafka:kill@ingest/x+20s': start 'x' is not a duration like 500ms, 20s or 2m");
        assertThatThrownBy(() -> Fault.parse("kafka:kill@ingest+0s"))
                .hasMessage("fault 'kafka:kill@ingest+0s': duration must be positive");
        assertThatThrownBy(() -> Fault.parse("KAFKA:kill@ingest")).hasMessageContaining("unknown target 'KAFKA'");
    }

    @Test
    void takesARunFaultCommand()
    {
        RunFault command = new RunFault("run-1", "clickhouse", FaultKind.KILL, FaultPhase.QUERY, Optional.of(1_000L), Optional.of(30_000L));

        assertThat(Fault.of(command)).isEqualTo(new Fault(FaultTarget.CLICKHOUSE, FaultKind.KILL, FaultPhase.QUERY, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(Fault.of(command).toCommand("run-1")).as("and back").isEqualTo(command);
        assertThat(Fault.of(new RunFault("run-1", "s3", FaultKind.OUTAGE, FaultPhase.INGEST, Optional.empty(), Optional.empty())))
                .isEqualTo(new Fault(FaultTarget.S3, FaultKind.OUTAGE, FaultPhase.INGEST, Duration.ZERO, Fault.DEFAULT_DURATION));
        assertThatThrownBy(() -> Fault.of(new RunFault("run-1", "hdfs", FaultKind.KILL, FaultPhase.QUERY, Optional.empty(), Optional.empty())))
                .hasMessageStartingWith("RunFault run-1: unknown target 'hdfs'; targets: kafka, s3");
    }
}

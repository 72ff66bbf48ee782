package io.sluice.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.cli.plan.Calibration;
import io.sluice.cli.plan.CapacityModel;
import io.sluice.cli.plan.CapacityPlan;
import io.sluice.cli.plan.ClusterAssumptions;
import io.sluice.cli.plan.PlanText;
import io.sluice.cli.plan.HelmValues;
import io.sluice.generator.plan.TableShape;
import io.sluice.schema.dataset.DatasetId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sluice plan}: the cluster a dataset needs to be generated and landed within a time, from the last
 * bench's per-core rates (or the defaults) and the stated cluster assumptions, with the matching Helm values.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan the cluster for a dataset (pods, brokers, partitions, storage, time per stage) from the last 'sluice bench', and print the Helm values.")
final class PlanCommand implements Callable<Integer> {
    /** Durations as seconds, the unit every other figure of the JSON uses. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                @Override
                public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                    generator.writeNumber(value.toMillis() / 1000.0);
                }
            }));

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private DatasetOptions dataset;

    @Option(names = "--hours", paramLabel = "H", description = "Target wall time for generating and landing the dataset. Default: ${DEFAULT-VALUE}.")
    private double hours = 2;

    @Option(names = "--broker-mbps", paramLabel = "MB/S", description = "Sustained write throughput of one Kafka broker, replica writes included. Default: ${DEFAULT-VALUE}.")
    private double brokerMegabytesPerSecond = ClusterAssumptions.DEFAULT_BROKER_MEGABYTES_PER_SECOND;

    @Option(names = "--replication-factor", paramLabel = "N", description = "Replicas of each row topic partition. Default: ${DEFAULT-VALUE}.")
    private int replicationFactor = ClusterAssumptions.DEFAULT_REPLICATION_FACTOR;

    @Option(names = "--broker-disk-gb", paramLabel = "GB", description = "Data disk of one Kafka broker. Default: ${DEFAULT-VALUE}.")
    private double brokerDiskGigabytes = ClusterAssumptions.DEFAULT_BROKER_DISK_GIGABYTES;

    @Option(names = "--disk-fill", paramLabel = "FRACTION", description = "Most of a broker disk the plan fills. Default: ${DEFAULT-VALUE}.")
    private double diskFill = ClusterAssumptions.DEFAULT_DISK_FILL;

    @Option(names = "--cores-per-pod", paramLabel = "N", description = "Cores of one lander pod. Default: ${DEFAULT-VALUE}.")
    private int coresPerPod = ClusterAssumptions.DEFAULT_LANDER_CORES_PER_POD;

    @Option(names = "--defaults", description = "Use the documented default rates even if a bench calibration exists.")
    private boolean defaults;

    @Option(names = "--json", description = "Print one JSON object (plan, assumptions, calibration, values) instead of text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(hours > 0) || Double.isInfinite(hours)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hours must be > 0");
        }
        DatasetId id = dataset.dataset(spec);
        ClusterAssumptions cluster;
        try {
            cluster = new ClusterAssumptions(Duration.ofMillis(Math.round(hours * 3_600_000)), brokerMegabytesPerSecond, replicationFactor,
                    brokerDiskGigabytes, diskFill, coresPerPod);
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Calibration rates = defaults ? Calibration.defaults() : Calibration.read(Calibration.file(runDir.runDir())).orElseGet(Calibration::defaults);
        long rows = TableShape.estimatedRows(id.benchmark(), id.benchmark().tables(), id.scaleFactor());
        CapacityPlan plan = CapacityModel.plan(rows, id.scaleFactor().toDouble(), rates, cluster);
        String values = HelmValues.render(id.benchmark().id(), id.scaleFactor().value(), plan, cluster);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("dataset", id.toString());
            root.set("plan", JSON.valueToTree(plan));
            root.put("endToEndSeconds", plan.endToEndTime().toMillis() / 1000.0);
            root.set("assumptions", JSON.valueToTree(cluster));
            root.set("calibration", JSON.valueToTree(rates));
            root.put("helmValues", values);
            out.println(JSON.writeValueAsString(root));
        }
        else {
            out.print(text(id, rows, plan, cluster, rates));
            out.println();
            out.print(values);
        }
        out.flush();
        return 0;
    }

    private static String text(DatasetId id, long rows, CapacityPlan plan, ClusterAssumptions cluster, Calibration rates) {
        StringBuilder text = new StringBuilder();
        line(text, "plan for %s: %,d rows in %s (rates: %s)", id, rows, PlanText.duration(cluster.target()), rates.source());
        line(text, "  per core: generator %,.0f, Parquet lander %,.0f, ClickHouse lander %,.0f, ClickHouse server %,.0f rows/s",
                rates.generatorRowsPerCoreSecond(), rates.parquetLanderRowsPerCoreSecond(), rates.clickhouseLanderRowsPerCoreSecond(), rates.clickhouseServerRowsPerCoreSecond());
        line(text, "  bytes per row: Kafka %.1f, Parquet %.1f, ClickHouse %.1f", rates.kafkaBytesPerRow(), rates.parquetBytesPerRow(), rates.clickhouseBytesPerRow());
        line(text, "  cluster: broker %.0f MB/s, replication %d, broker disk %.0f GB filled to %.0f%%, %d cores per lander pod",
                cluster.brokerMegabytesPerSecond(), cluster.replicationFactor(), cluster.brokerDiskGigabytes(), 100 * cluster.diskFill(), cluster.landerCoresPerPod());
        line(text, "parts                 %,d (%,d per generator pod)", plan.parts(), plan.partsPerGeneratorPod());
        line(text, "generator pods        %,d (one core each)        generate in %s", plan.generatorPods(), PlanText.duration(plan.generateTime()));
        line(text, "Kafka                 %,d brokers (replication %d, throughput %d, disk %d), %,d partitions per row topic, %.0f MB/s in",
                plan.brokers(), cluster.replicationFactor(), plan.brokersForThroughput(), plan.brokersForDisk(), plan.partitions(), plan.kafkaMegabytesPerSecond());
        line(text, "Parquet lander        %,d replicas                  land in %s", plan.parquetLanderReplicas(), PlanText.duration(plan.parquetLandTime()));
        line(text, "ClickHouse lander     %,d replicas, ClickHouse %,d cores   land in %s", plan.clickhouseLanderReplicas(), plan.clickhouseServerCores(), PlanText.duration(plan.clickhouseLandTime()));
        line(text, "storage               Kafka %s (retained until landed, x%d), Parquet %s, ClickHouse %s",
                PlanText.gigabytes(plan.kafkaStorageBytes()), cluster.replicationFactor(), PlanText.gigabytes(plan.parquetStorageBytes()), PlanText.gigabytes(plan.clickhouseStorageBytes()));
        line(text, "end to end            %s (the stages overlap; the slowest sets the pace)", PlanText.duration(plan.endToEndTime()));
        return text.toString();
    }

    private static void line(StringBuilder text, String format, Object... arguments) {
        text.append(String.format(Locale.ROOT, format, arguments)).append(System.lineSeparator());
    }
}

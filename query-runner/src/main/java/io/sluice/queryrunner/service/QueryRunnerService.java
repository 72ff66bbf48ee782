package io.sluice.queryrunner.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.ops.LogInterval;
import io.sluice.ops.kafka.InternalTopicCheck;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopic;
import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.plan.Plans;
import io.sluice.queryrunner.run.BenchmarkRunner;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.queryrunner.run.RunResult;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.command.Command;
import io.sluice.schema.command.RunBenchmark;
import io.sluice.schema.command.RunFault;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.BenchmarkFinished;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.BenchmarkStopped;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.kafka.TopicReplay;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import static java.util.Objects.requireNonNull;

/**
 * {@code sluice query-runner}: consumes {@code sluice.events} and {@code sluice.control}. When every required
 * sink has announced {@code DatasetReady} for a dataset, runs each plan matching it (once per dataset); a
 * {@code RunBenchmark} command runs the plan it names (the default plan if none) under its run id. Runs go one
 * at a time on their own thread, so the consumer keeps polling; each publishes {@code BenchmarkStarted}, a
 * {@code QueryResult} per execution and {@code BenchmarkFinished}. A plan's faults are broken while it runs; a
 * {@code RunFault} command breaks its target from when it arrives (see {@link ServiceFaults}). A command that cannot
 * be carried out (an unknown plan, a plan for another benchmark, a repeated run id, a dataset an engine of the plan
 * does not have, a fault this service cannot inject, undecodable bytes) is answered with {@code CommandRejected}
 * and the service goes on.
 * <p>
 * The group's committed offsets stop before the record of any run not yet finished, so a run a stop cuts short (a pod
 * replaced, killed, Ctrl-C) is read again and run again, under the same run id, by the group's next consumer. When
 * partitions are assigned to it, it first reads {@code sluice.events} to the end: the {@code DatasetReady} events
 * before the committed offsets of its partitions give the sinks each dataset is ready in (a dataset half-ready at the
 * stop still triggers when its last sink is), and the {@code BenchmarkStarted}, {@code BenchmarkFinished} and
 * {@code BenchmarkStopped} events tell which runs read again have finished (not run again) or have started
 * {@value #MAX_STARTS} times and ended with their query runner each time (given up: a run that kills its query runner,
 * e.g. out of memory). An orderly stop announces {@code BenchmarkStopped}, so a run outlives any number of them.
 */
public final class QueryRunnerService
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(QueryRunnerService.class);
    private static final Duration POLL = Duration.ofMillis(500);
    // DatasetReady and ingest's Trino registration race; past this the run starts and missing tables fail loudly
    private static final Duration TABLES_WAIT = Duration.ofMinutes(5);
    private static final Duration TABLES_POLL = Duration.ofSeconds(2);
    private static final Duration POLLER_STOP = Duration.ofSeconds(30);
    private static final Duration RUN_STOP = Duration.ofMinutes(1);
    // within RUN_STOP, which close() waits for the run
    private static final Duration STOPPED_PUBLISH = Duration.ofSeconds(10);
    // read in the assignment callback, within the consumer's max.poll.interval.ms (5 min): a transaction left open on
    // sluice.events holds the read back until Kafka aborts it (a minute for a lander's or the default generator's)
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_STARTS = 3;
    static final int KEPT_RUNS = 16;
    /**
     * The longest {@link #close} waits for the consumer and for the run in progress to cancel its queries, before it
     * lifts the faults in effect. A pod's grace period must exceed it, or a stop leaves faults and queries behind.
     */
    public static final Duration CLOSE_WAIT = POLLER_STOP.plus(RUN_STOP);

    private final QueryRunnerSettings settings;
    private final Map<String, BenchmarkPlan> plans;
    private final List<BenchmarkPlan> readyPlans;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ResultPublisher publisher;
    private final BenchmarkSetup setup;
    private final ServiceFaults faults;
    private final ExecutorService runs = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("sluice-benchmark-run").factory());
    private final Thread poller;
    private final MessageCodec<PipelineEvent> events = Messages.events();
    private final PendingOffsets pending = new PendingOffsets();
    // the poller's alone, as are the history and what it last committed
    private final ReadyDatasets ready;
    private RunHistory history = new RunHistory();
    private Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    private boolean closing;
    // added by the poller, removed by the run thread when a run is rejected before it starts
    private final Set<String> runIds = ConcurrentHashMap.newKeySet();
    // the last runs only: a service runs for months, and a TPC-DS run's executions take about a megabyte
    private final Deque<RunResult> completed = new ArrayDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private QueryRunnerService(QueryRunnerSettings settings, MeterRegistry registry)
    {
        this.settings = settings;
        this.plans = plans(settings);
        this.readyPlans = readyPlans(plans, settings);
        this.faults = ServiceFaults.create(settings.faults(), settings.kafka(), settings.resultsDir(), registry);
        faults.check(plans.values());
        Map<String, Object> consumerProperties = new HashMap<>(settings.kafka().toGroupMemberProperties(settings.groupId()));
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer());
        this.ready = new ReadyDatasets(settings.requiredSinks());
        this.publisher = new ResultPublisher(settings.kafka(), closed::get);
        this.setup = BenchmarkSetup.create(settings, registry);
        this.poller = Thread.ofPlatform().name("sluice-query-runner-poll").unstarted(this::poll);
    }

    /**
     * The plans the service runs: the built-in ones and those of {@code SLUICE_QUERY_RUNNER_PLANS_DIR}. A missing
     * directory or a broken plan fails naming the variable, so a command can check them before it connects anything.
     */
    public static Map<String, BenchmarkPlan> plans(QueryRunnerSettings settings)
    {
        try {
            return Plans.load(settings.plansDir());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("%s: %s".formatted(QueryRunnerSettings.PLANS_DIR_ENV, e.getMessage()), e);
        }
    }

    /**
     * The plans a ready dataset runs, of {@code plans} (those that match it): those {@code SLUICE_QUERY_RUNNER_READY_PLANS}
     * names, every one when it is unset. A name that is not a plan fails naming the variable.
     */
    public static List<BenchmarkPlan> readyPlans(Map<String, BenchmarkPlan> plans, QueryRunnerSettings settings)
    {
        Set<String> names = settings.readyPlans().orElse(plans.keySet());
        names.stream().filter(name -> !plans.containsKey(name)).sorted().findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("%s: '%s' is not a plan of this query runner; its plans: %s"
                    .formatted(QueryRunnerSettings.READY_PLANS_ENV, name, String.join(", ", plans.keySet())));
        });
        return plans.values().stream().filter(plan -> names.contains(plan.name())).toList();
    }

    /**
     * Loads the plans (an invalid plan file, or a plan with faults while fault runs are off, fails here with one
     * line), then starts consuming.
     *
     * @param registry where each measured execution's duration goes ({@code sluice_query_duration_seconds})
     */
    public static QueryRunnerService start(QueryRunnerSettings settings, MeterRegistry registry)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(registry, "registry is null");
        InternalTopicCheck.requireCreatable(settings.kafka(), EnumSet.of(InternalTopic.CONSUMER_OFFSETS));
        QueryRunnerService service = new QueryRunnerService(settings, registry);
        service.consumer.subscribe(List.of(Topics.EVENTS, Topics.CONTROL), service.new Handover());
        service.poller.start();
        LOG.info("query runner started: plans {}, on a ready dataset {}, waiting for DatasetReady from {}", service.plans.keySet(),
                service.readyPlans.stream().map(BenchmarkPlan::name).toList(), settings.requiredSinks());
        return service;
    }

    /**
     * The runs finished so far, oldest first: the last {@value #KEPT_RUNS}.
     */
    public List<RunResult> completedRuns()
    {
        synchronized (completed) {
            return List.copyOf(completed);
        }
    }

    /**
     * Why the service stopped, if it did.
     */
    public Optional<Throwable> failure()
    {
        return Optional.ofNullable(failure.get());
    }

    public boolean isRunning()
    {
        return poller.isAlive();
    }

    /**
     * Reads {@code sluice.events} to its end when partitions are assigned: the runs started and finished, and from the
     * {@code DatasetReady} events of the {@code assigned} partitions of {@code sluice.events} before the group's
     * committed offsets, what the consumer that had them knew. A dataset's events share a partition (keyed by dataset),
     * so that is all there is to know of the datasets this consumer now follows.
     */
    private void recall(Collection<TopicPartition> assigned)
    {
        long start = System.nanoTime();
        Set<TopicPartition> eventPartitions = assigned.stream().filter(partition -> partition.topic().equals(Topics.EVENTS)).collect(Collectors.toSet());
        Map<Integer, Long> committedOffsets = new TreeMap<>();
        consumer.committed(eventPartitions, REPLAY_TIMEOUT).forEach((partition, offset) -> {
            if (offset != null) {
                committedOffsets.put(partition.partition(), offset.offset());
            }
        });
        RunHistory runs = new RunHistory();
        long read = TopicReplay.readToEnd(settings.kafka().toClientProperties(), Topics.EVENTS, REPLAY_TIMEOUT, record -> {
            Optional<PipelineEvent> event = events.decodeIfKnown(record.value());
            event.ifPresent(runs::add);
            if (event.orElse(null) instanceof DatasetReady datasetReady && record.offset() < committedOffsets.getOrDefault(record.partition(), 0L)) {
                ready.add(datasetReady);
            }
        });
        history = runs;
        LOG.info("assigned {}: read {} records of {} in {} ms; the group {}", assigned, read, Topics.EVENTS, Duration.ofNanos(System.nanoTime() - start).toMillis(),
                committedOffsets.isEmpty() ? "had committed none of their offsets" : "had committed up to (partition=offset) " + committedOffsets);
    }

    private void poll()
    {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (pending.actedOnHere(partition, record.offset())) {
                        // read again after the group took its partition away and gave it back: a run it started went
                        // on here, a fault is in effect, an answer was sent
                        LOG.info("{} offset {} read again after the partition came back; it was acted on before, not again", partition, record.offset());
                    }
                    else if (record.topic().equals(Topics.CONTROL)) {
                        onCommand(record, partition);
                    }
                    else {
                        onEvent(record, partition);
                    }
                    pending.read(partition, record.offset());
                }
                commit();
            }
        }
        catch (WakeupException e) {
            // close() asked to stop
        }
        catch (RuntimeException e) {
            // a rejection still waiting for Kafka when close() came is given up, which is no failure
            if (!closed.get()) {
                failure.set(e);
                LOG.error("query runner stopped: {}", e.getMessage(), e);
            }
        }
        finally {
            // which gives up the partitions: Handover commits them
            closing = true;
            consumer.close();
        }
    }

    private void commit()
    {
        Map<TopicPartition, OffsetAndMetadata> offsets = pending.committable();
        if (offsets.equals(committed)) {
            return;
        }
        committed = offsets;
        consumer.commitAsync(offsets, (_, e) -> {
            if (e != null) {
                // the callback runs on the poller: the next poll tries again
                committed = Map.of();
                LOG.warn("could not commit offsets {}: {}", describe(offsets), e.getMessage());
            }
        });
    }

    private static Map<String, Long> describe(Map<TopicPartition, OffsetAndMetadata> offsets)
    {
        Map<String, Long> described = new TreeMap<>();
        offsets.forEach((partition, offset) -> described.put(partition.toString(), offset.offset()));
        return described;
    }

    /**
     * Commits the partitions this consumer gives up and forgets them, so its later commits cannot move them back. At
     * its close, their next consumer runs again what this one had not finished of them. When a rebalance moves them to
     * another consumer of the group (only when more than one runs; the chart runs one), the runs started or queued
     * here finish here, and the other consumer goes on after them: it must not run them a second time.
     */
    private final class Handover
            implements ConsumerRebalanceListener
    {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions)
        {
            Map<TopicPartition, OffsetAndMetadata> offsets = pending.forget(partitions, !closing);
            // what the next commit() compares with no longer holds
            committed = Map.of();
            if (offsets.isEmpty()) {
                return;
            }
            try {
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
                LOG.info("gave up {} partitions; committed offsets {}", partitions.size(), describe(offsets));
            }
            catch (RuntimeException e) {
                LOG.warn("could not commit offsets {} of the partitions given up: {}; their next consumer reads again what came after the last commit", describe(offsets), e.getMessage());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions)
        {
            // a cooperative rebalance calls this with none when this consumer keeps what it had
            if (!partitions.isEmpty()) {
                recall(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions)
        {
            // the group took them (this consumer's session lapsed): another consumer may have them already and read
            // from the last commit; when they come back here, the records whose runs go on here are not acted on again
            pending.forget(partitions, true);
            committed = Map.of();
        }
    }

    private void onEvent(ConsumerRecord<String, byte[]> record, TopicPartition partition)
    {
        // events of other versions or services are not ours to judge
        if (!(events.decodeIfKnown(record.value()).orElse(null) instanceof DatasetReady datasetReady)) {
            return;
        }
        ready.add(datasetReady).ifPresent(sinks -> {
            DatasetId dataset = datasetReady.dataset();
            List<BenchmarkPlan> matching = readyPlans.stream().filter(plan -> plan.matches(dataset)).toList();
            LOG.info("dataset {} ready in {}: running plans {}", dataset, sinks, matching.stream().map(BenchmarkPlan::name).toList());
            for (BenchmarkPlan plan : matching) {
                String runId = triggeredRunId(record, plan, dataset);
                if (history.finished(runId)) {
                    LOG.info("run {} of plan {} on {} finished before this query runner started; not running it again", runId, plan.name(), dataset);
                }
                else if (history.lostStarts(runId) >= MAX_STARTS) {
                    LOG.warn("run {} of plan {} on {} started {} times and its query runner ended during it each time; not starting it again", runId, plan.name(), dataset,
                            history.lostStarts(runId));
                }
                else {
                    submit(runId, plan, dataset, () -> {
                        awaitTables(plan, dataset, datasetReady.tables());
                        return Optional.empty();
                    }, pending.hold(partition, record.offset()));
                }
            }
        });
    }

    /**
     * The id of a run triggered by {@code record}: the same each time the group reads the record, so a run read again
     * after a restart is known by it.
     */
    private String triggeredRunId(ConsumerRecord<String, byte[]> record, BenchmarkPlan plan, DatasetId dataset)
    {
        CRC32 crc = new CRC32();
        crc.update("%s/%s/%d/%d/%s".formatted(settings.groupId(), record.topic(), record.partition(), record.offset(), plan.name()).getBytes(StandardCharsets.UTF_8));
        return BenchmarkRunner.runId(dataset, Instant.ofEpochMilli(record.timestamp()), "%08x".formatted(crc.getValue()));
    }

    private void onCommand(ConsumerRecord<String, byte[]> record, TopicPartition partition)
    {
        Command command;
        try {
            command = KafkaSerdes.commands().deserialize(record.topic(), record.value());
        }
        catch (UndecodableMessageException e) {
            // the generator reads the same topic and answers such a record too: each answer says whose it is
            reject(Optional.ofNullable(record.key()).filter(key -> !key.isBlank()).orElse("unknown"), "unknown",
                    "the query runner cannot decode %s-%d offset %d: %s".formatted(record.topic(), record.partition(), record.offset(), e.getMessage()));
            return;
        }
        if (command instanceof RunFault fault) {
            if (!BenchmarkRunner.isUsableRunId(fault.runId())) {
                // it names the folder of the run's faults.csv
                reject(fault.runId(), "RunFault", BenchmarkRunner.RUN_ID_RULE);
                return;
            }
            if (runIds.contains(fault.runId()) || history.injected(fault.runId())) {
                // read again after a restart (its record waited behind a run's for the commit), or sent twice: a
                // fault is injected once
                reject(fault.runId(), "RunFault", "run id %s was already used".formatted(fault.runId()));
                return;
            }
            faults.start(fault).ifPresentOrElse(reason -> reject(fault.runId(), "RunFault", reason), () -> runIds.add(fault.runId()));
            return;
        }
        if (!(command instanceof RunBenchmark run)) {
            return;
        }
        String planName = run.plan().orElse(Plans.defaultName(run.dataset().benchmark()));
        BenchmarkPlan plan = plans.get(planName);
        if (plan == null) {
            reject(run.runId(), "RunBenchmark", "unknown plan '%s'; known plans: %s".formatted(planName, plans.keySet()));
        }
        else if (plan.benchmark() != run.dataset().benchmark()) {
            reject(run.runId(), "RunBenchmark", "plan '%s' is for %s, dataset %s is not".formatted(planName, plan.benchmark().id(), run.dataset()));
        }
        else if (!BenchmarkRunner.isUsableRunId(run.runId())) {
            reject(run.runId(), "RunBenchmark", BenchmarkRunner.RUN_ID_RULE);
        }
        else if (runIds.contains(run.runId()) || history.finished(run.runId())) {
            reject(run.runId(), "RunBenchmark", "run id %s was already used".formatted(run.runId()));
        }
        else if (history.lostStarts(run.runId()) >= MAX_STARTS) {
            reject(run.runId(), "RunBenchmark", "run %s started %d times and its query runner ended during it each time (killed, out of memory); not starting it again"
                    .formatted(run.runId(), history.lostStarts(run.runId())));
        }
        else {
            if (history.starts(run.runId()) > 0) {
                LOG.info("run {} started before and did not finish; running it again", run.runId());
            }
            submit(run.runId(), plan, run.dataset(), () -> absence(plan, run.dataset()), pending.hold(partition, record.offset()));
        }
    }

    /**
     * @param gate runs on the run's thread just before it starts; a reason it gives rejects the run instead
     * @param release lets the group commit past the run's record; not run when a stop cuts the run short
     */
    private void submit(String runId, BenchmarkPlan plan, DatasetId dataset, RunGate gate, Runnable release)
    {
        runIds.add(runId);
        // execute, not submit: an Error out of a run reaches the thread's uncaught-exception handler instead of a
        // Future nobody reads
        runs.execute(() -> {
            boolean cutShort = false;
            boolean started = false;
            AtomicInteger executions = new AtomicInteger();
            try {
                Optional<String> rejection = gate.check();
                if (rejection.isPresent()) {
                    // a run that never started leaves its id free, as the poller's own rejections do
                    runIds.remove(runId);
                    reject(runId, "RunBenchmark", rejection.get());
                    return;
                }
                // sent is as good as started: a stop that gives up waiting for Kafka leaves the send to the producer's close
                started = true;
                publisher.publish(new BenchmarkStarted(runId, dataset, plan.engines(), System.currentTimeMillis()));
                ExecutionListener observer = faults.observer();
                ExecutionListener progress = new RunProgressLog(runId, plan.executions(), LogInterval.every(LogInterval.DEFAULT), LOG::info);
                RunResult result = faults.run(runId, plan, () -> setup.runner(execution -> {
                    executions.incrementAndGet();
                    publisher.onExecution(execution);
                    observer.onExecution(execution);
                    progress.onExecution(execution);
                }).run(runId, plan, dataset, setup.drivers()));
                publisher.flush();
                publisher.publish(new BenchmarkFinished(runId, dataset, result.record().executions().size(), Math.toIntExact(result.record().failures()),
                        result.record().finishedAtMs() - result.record().startedAtMs(), System.currentTimeMillis()));
                synchronized (completed) {
                    if (completed.size() == KEPT_RUNS) {
                        completed.removeFirst();
                    }
                    completed.addLast(result);
                }
            }
            catch (InterruptedException e) {
                cutShort = true;
                stoppedUnfinished(runId, plan, dataset, started, executions.get());
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException e) {
                if (closed.get()) {
                    cutShort = true;
                    stoppedUnfinished(runId, plan, dataset, started, executions.get());
                    return;
                }
                LOG.error("run {} of plan {} on {} failed: {}", runId, plan.name(), dataset, e.getMessage(), e);
            }
            finally {
                if (!cutShort) {
                    release.run();
                }
            }
        });
    }

    /**
     * {@link #close} interrupted a run: an expected stop (a pod replaced, Ctrl-C), not a failure. Its record stays
     * uncommitted, so the group's next consumer runs it again; a run that had started says so with
     * {@code BenchmarkStopped}, so that the start does not count as one its query runner died in.
     */
    private void stoppedUnfinished(String runId, BenchmarkPlan plan, DatasetId dataset, boolean started, int executions)
    {
        LOG.warn("run {} of plan {} on {} stopped unfinished because the query runner is stopping: its executions so far are on {}, and it wrote no report; "
                        + "the query runner's next start (group {}) runs it again under the same run id",
                runId, plan.name(), dataset, Topics.RESULTS, settings.groupId());
        if (started) {
            // the run's thread may be interrupted: the stop is announced all the same, within its bound
            boolean interrupted = Thread.interrupted();
            try {
                publisher.publishWithin(new BenchmarkStopped(runId, dataset, executions, System.currentTimeMillis()), STOPPED_PUBLISH);
            }
            catch (IllegalStateException e) {
                LOG.warn("could not announce that run {} was stopped ({}); its start counts as one its query runner ended in", runId, e.getMessage());
            }
            finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Waits up to {@link #TABLES_WAIT} until each of the plan's engines shows {@code tables} of the dataset.
     */
    private void awaitTables(BenchmarkPlan plan, DatasetId dataset, List<String> tables)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + TABLES_WAIT.toNanos();
        for (EngineDriver driver : planEngines(plan)) {
            Optional<List<String>> missing = driver.missingTables(dataset, tables);
            while (!missing.map(List::isEmpty).orElse(false) && System.nanoTime() < deadline) {
                if (missing.isPresent()) {
                    LOG.info("{} does not show tables {} of {} yet; waiting", driver.engine(), missing.get(), dataset);
                }
                else {
                    LOG.info("{} cannot be asked for the tables of {} yet; waiting", driver.engine(), dataset);
                }
                Thread.sleep(TABLES_POLL);
                missing = driver.missingTables(dataset, tables);
            }
        }
    }

    /**
     * Why a commanded run cannot start: one of the plan's engines answers but shows none of the dataset's tables, so
     * every query would fail. An engine that cannot be asked does not stop the run (a fault may have stopped it on
     * purpose); a dataset generated with only some tables runs on those.
     */
    private Optional<String> absence(BenchmarkPlan plan, DatasetId dataset)
    {
        List<String> tables = dataset.benchmark().tables();
        return planEngines(plan).stream()
                .filter(driver -> driver.missingTables(dataset, tables).filter(missing -> missing.size() == tables.size()).isPresent())
                .findFirst()
                .map(driver -> "%s shows none of the tables of dataset %s, so every query would fail; send the command once the dataset has landed (DatasetReady on %s)"
                        .formatted(driver.engine().name().toLowerCase(Locale.ROOT), dataset, Topics.EVENTS));
    }

    private List<EngineDriver> planEngines(BenchmarkPlan plan)
    {
        return setup.drivers().stream().filter(driver -> plan.engines().contains(driver.engine())).toList();
    }

    /**
     * What a run checks or waits for before it starts.
     */
    @FunctionalInterface
    private interface RunGate
    {
        /**
         * @return why the run must not start, if it must not
         */
        Optional<String> check()
                throws InterruptedException;
    }

    private void reject(String runId, String command, String reason)
    {
        LOG.warn("rejected {} {}: {}", command, runId, reason);
        publisher.publish(new CommandRejected(runId, command, reason, System.currentTimeMillis()));
    }

    /**
     * Stops consuming, interrupts a run in progress and waits up to a minute for its queries to be cancelled, then
     * closes the clients. The interrupted run ends unfinished, without a report; the group's next consumer runs it
     * again, as it does the runs still queued. A second call does nothing.
     */
    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        consumer.wakeup();
        try {
            poller.join(POLLER_STOP);
            runs.shutdownNow();
            runs.awaitTermination(RUN_STOP.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            faults.close();
            publisher.close();
            setup.close();
        }
    }
}

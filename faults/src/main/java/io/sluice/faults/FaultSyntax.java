package io.sluice.faults;

import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The command-line form of a fault, {@code TARGET:KIND@PHASE[/START][+DURATION]}. Kinds are the lower-case
 * {@link FaultKind} names; the query phase is called {@code benchmark}, as the step of {@code sluice run} it
 * hits.
 */
final class FaultSyntax
{
    static final String FORM = "TARGET:KIND@PHASE[/START][+DURATION]";

    private static final Map<String, FaultPhase> PHASES = Map.of(
            "generate", FaultPhase.GENERATE,
            "ingest", FaultPhase.INGEST,
            "benchmark", FaultPhase.QUERY);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private FaultSyntax() {}

    static Fault parse(String text)
    {
        requireNonNull(text, "fault is null");
        int colon = text.indexOf(':');
        int at = text.indexOf('@');
        if (colon < 0 || at < colon) {
            throw invalid(text, "expected " + FORM + ", e.g. kafka:kill@ingest or s3:outage@ingest+20s");
        }
        String targetText = text.substring(0, colon);
        String kindText = text.substring(colon + 1, at);
        String rest = text.substring(at + 1);

        int plus = rest.indexOf('+');
        Optional<String> durationText = plus < 0 ? Optional.empty() : Optional.of(rest.substring(plus + 1));
        String phaseAndStart = plus < 0 ? rest : rest.substring(0, plus);
        int slash = phaseAndStart.indexOf('/');
        Optional<String> startText = slash < 0 ? Optional.empty() : Optional.of(phaseAndStart.substring(slash + 1));
        String phaseText = slash < 0 ? phaseAndStart : phaseAndStart.substring(0, slash);

        FaultTarget target = FaultTarget.byLabel(targetText)
                .orElseThrow(() -> invalid(text, "unknown target '%s'; targets: %s".formatted(targetText, FaultTarget.labels())));
        FaultKind kind = kind(kindText)
                .orElseThrow(() -> invalid(text, "unknown kind '%s'; kinds: %s".formatted(kindText, kinds())));
        FaultPhase phase = Optional.ofNullable(PHASES.get(phaseText))
                .orElseThrow(() -> invalid(text, "unknown phase '%s'; phases: %s".formatted(phaseText, phases())));
        Duration start = startText.map(value -> duration(text, "start", value)).orElse(Duration.ZERO);
        Duration duration = durationText.map(value -> duration(text, "duration", value)).orElse(Fault.DEFAULT_DURATION);
        if (duration.isZero()) {
            throw invalid(text, "duration must be positive");
        }
        return new Fault(target, kind, phase, start, duration);
    }

    static String format(Fault fault)
    {
        return "%s:%s@%s/%s+%s".formatted(fault.target().label(), fault.kind().name().toLowerCase(Locale.ROOT), phaseName(fault.phase()), format(fault.start()), format(fault.duration()));
    }

    static String phaseName(FaultPhase phase)
    {
        return PHASES.entrySet().stream()
                .filter(entry -> entry.getValue() == phase)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static Optional<FaultKind> kind(String text)
    {
        return Arrays.stream(FaultKind.values()).filter(kind -> kind.name().toLowerCase(Locale.ROOT).equals(text)).findFirst();
    }

    private static String kinds()
    {
        return Arrays.stream(FaultKind.values()).map(kind -> kind.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static String phases()
    {
        return Arrays.stream(FaultPhase.values()).map(FaultSyntax::phaseName).collect(Collectors.joining(", "));
    }

    private static Duration duration(String fault, String what, String text)
    {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw invalid(fault, "%s '%s' is not a duration like 500ms, 20s or 2m".formatted(what, text));
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static String format(Duration duration)
    {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }

    private static IllegalArgumentException invalid(String fault, String reason)
    {
        return new IllegalArgumentException("fault '%s': %s".formatted(fault, reason));
    }
}

package io.sluice.faults.local;

import io.sluice.faults.FaultTarget;
import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerStatus;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The servers of a {@link LocalStack} (kafka, s3, clickhouse, trino) as fault targets: one this JVM started, or the
 * stack {@code sluice up} recorded ({@link LocalStack#attach}). A server's pid is its process group.
 */
public final class StackTargets
        implements LocalTargets
{
    private final LocalStack stack;

    public StackTargets(LocalStack stack)
    {
        this.stack = requireNonNull(stack, "stack is null");
    }

    @Override
    public Set<FaultTarget> available()
    {
        Set<String> servers = stack.status().servers().stream().map(ServerStatus::name).collect(Collectors.toSet());
        return Arrays.stream(FaultTarget.values()).filter(target -> servers.contains(target.label())).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public OptionalLong processGroup(FaultTarget target)
    {
        return stack.status().server(target.label())
                .map(server -> OptionalLong.of(server.pid()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public void stop(FaultTarget target)
    {
        stack.stop(target.label());
    }

    @Override
    public void restart(FaultTarget target)
    {
        stack.restart(target.label());
    }
}

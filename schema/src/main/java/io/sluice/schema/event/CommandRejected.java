package io.sluice.schema.event;

import static io.sluice.schema.Arguments.requireText;

/**
 * A command on {@code sluice.control} was not carried out. {@code command} is the command type
 * ({@code GenerateDataset}, …) or {@code unknown} if it could not be decoded.
 */
public record CommandRejected(String runId, String command, String reason, long rejectedAtMs)
        implements PipelineEvent
{
    public CommandRejected
    {
        requireText(runId, "runId");
        requireText(command, "command");
        requireText(reason, "reason");
    }

    @Override
    public String key()
    {
        return runId;
    }
}

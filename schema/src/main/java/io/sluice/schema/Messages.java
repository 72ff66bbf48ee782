package io.sluice.schema;

import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.command.Command;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.result.QueryResult;

/**
 * The codecs of the message topics: {@code sluice.events}, {@code sluice.control}, {@code sluice.results}.
 * Each call builds a new codec; codecs are immutable and thread-safe, so build one and share it.
 */
public final class Messages
{
    private Messages() {}

    public static MessageCodec<PipelineEvent> events()
    {
        return MessageCodec.of(PipelineEvent.class);
    }

    public static MessageCodec<Command> commands()
    {
        return MessageCodec.of(Command.class);
    }

    public static MessageCodec<QueryResult> results()
    {
        return MessageCodec.of(QueryResult.class);
    }
}

package io.sluice.schema.kafka;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.command.Command;

/**
 * {@link KafkaSerdes#commands()} as a class with a no-argument constructor, for configuration by class name.
 */
public final class CommandSerde
        extends CodecSerde<Command>
{
    public CommandSerde()
    {
        this(Messages.commands());
    }

    private CommandSerde(MessageCodec<Command> codec)
    {
        super(codec::encode, codec::decode);
    }
}

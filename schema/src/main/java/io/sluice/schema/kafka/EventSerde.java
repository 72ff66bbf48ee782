package io.sluice.schema.kafka;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.event.PipelineEvent;

/**
 * {@link KafkaSerdes#events()} as a class with a no-argument constructor, for configuration by class name.
 */
public final class EventSerde
        extends CodecSerde<PipelineEvent>
{
    public EventSerde()
    {
        this(Messages.events());
    }

    private EventSerde(MessageCodec<PipelineEvent> codec)
    {
        super(codec::encode, codec::decode);
    }
}

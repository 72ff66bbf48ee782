package io.sluice.schema.kafka;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.result.QueryResult;

/**
 * {@link KafkaSerdes#results()} as a class with a no-argument constructor, for configuration by class name.
 */
public final class QueryResultSerde
        extends CodecSerde<QueryResult>
{
    public QueryResultSerde()
    {
        this(Messages.results());
    }

    private QueryResultSerde(MessageCodec<QueryResult> codec)
    {
        super(codec::encode, codec::decode);
    }
}

package io.sluice.schema.codec;

import static java.util.Objects.requireNonNull;

/**
 * Bytes that are not a decodable single-object-encoded message of a known schema. Consumers send such
 * records to the dead-letter topic with {@link #getMessage()} as the reason.
 */
public final class UndecodableMessageException
        extends RuntimeException
{
    public enum Reason
    {
        /** Fewer bytes than the header, or the payload ends before the record does. */
        TRUNCATED,
        /** The bytes do not start with the single-object marker {@code C3 01}. */
        BAD_MAGIC,
        /** The header names a schema fingerprint this decoder does not know. */
        UNKNOWN_FINGERPRINT,
        /** The payload does not decode with the schema its header names, or has bytes left over, or its values are invalid. */
        MALFORMED_PAYLOAD,
    }

    private final Reason reason;

    public UndecodableMessageException(Reason reason, String message)
    {
        this(reason, message, null);
    }

    public UndecodableMessageException(Reason reason, String message, Throwable cause)
    {
        super(requireNonNull(reason, "reason is null") + ": " + requireNonNull(message, "message is null"), cause);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}

package io.sluice.stack;

/**
 * A local-stack operation failed. The message is one line saying what failed and what to do about it,
 * so the CLI can print it as is.
 */
public final class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}

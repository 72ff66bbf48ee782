package io.sluice.cli;

/**
 * Thrown by a command whose {@link StopHook} closed what it was waiting on: the hook says what is left and how to go
 * on, so the command adds no error line of its own.
 */
final class StoppedByHookException extends RuntimeException {
    StoppedByHookException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.sluice.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Holds a {@link RunLock} in a process of its own, as another {@code sluice run} or {@code bench} would, until its
 * standard input closes or it is killed. Arguments: run dir, command, subject.
 */
public final class RunLockHolder {
    private RunLockHolder() {}

    public static void main(String[] args) throws IOException {
        try (RunLock ignored = RunLock.acquire(Path.of(args[0]), args[1], args[2])) {
            System.out.println("locked");
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}

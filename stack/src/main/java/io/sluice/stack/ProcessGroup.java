package io.sluice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The process group of a child, read from {@code /proc}. Every child runs in its own session and group
 * (via {@code setsid}), so the group holds the child and everything it forked, even after re-parenting.
 */
final class ProcessGroup {
    private static final Path PROC = Path.of("/proc");

    private ProcessGroup() {}

    /** The group id of a live process, empty if it is gone. */
    static OptionalLong groupOf(long pid) {
        return stat(PROC.resolve(Long.toString(pid)).resolve("stat"))
                .map(stat -> OptionalLong.of(stat.pgrp()))
                .orElse(OptionalLong.empty());
    }

    /** Live (non-zombie) members of a group. */
    static List<ProcessHandle> members(long pgid) {
        return live(pgid).stream().flatMap(stat -> ProcessHandle.of(stat.pid()).stream()).toList();
    }

    /** Whether a member of the group is stopped (SIGSTOP): it acts on no signal but SIGKILL until SIGCONT. */
    static boolean anyStopped(long pgid) {
        return live(pgid).stream().anyMatch(stat -> stat.state() == 'T' || stat.state() == 't');
    }

    private static List<Stat> live(long pgid) {
        List<Stat> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(entry -> stat(entry.resolve("stat"))
                            .filter(stat -> stat.pgrp() == pgid && stat.state() != 'Z')
                            .ifPresent(members::add));
        } catch (IOException e) {
            throw new StackException("cannot list processes in /proc: " + e.getMessage(), e);
        }
        return members;
    }

    private record Stat(long pid, char state, long pgrp) {}

    private static Optional<Stat> stat(Path file) {
        String line;
        try {
            line = Files.readString(file);
        } catch (IOException e) {
            // the process exited since the directory was listed
            return Optional.empty();
        }
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = line.substring(close + 2).split(" ");
        long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
        return Optional.of(new Stat(pid, fields[0].charAt(0), Long.parseLong(fields[2])));
    }
}

package io.sluice.stack.junit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM a test starts on its own classes: a service to kill, a command to stop, a process that
 * must outlive its parent.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * {@code java OPTIONS -cp CLASSPATH MAIN ARGUMENTS}, with this JVM's {@code java} and classpath; a list the caller
     * may add to.
     */
    public static List<String> command(List<String> options, Class<?> main, String... arguments) {
        requireNonNull(options, "options");
        requireNonNull(main, "main");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * The option that gives the child {@code folder} as its temporary folder: lz4-java and RocksDB unpack their native
     * libraries there and delete them only at a clean exit, so a child the test kills would leave them (RocksDB's is
     * 15 MB) in {@code /tmp} for good.
     */
    public static String tmpDir(Path folder) {
        return "-Djava.io.tmpdir=" + folder.toAbsolutePath();
    }
}

package io.sluice.stack.clickhouse;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the child JVM that serves ClickHouse: loads {@code libchdb.so} and runs clickhouse-local
 * in it through {@code chdb_query_cmdline}. The arguments make clickhouse-local open its HTTP and native
 * listeners and then run a query that never ends, so the call blocks for the life of the process and the
 * server is stopped by stopping the process.
 *
 * <p>Usage: {@code ChdbServerMain <path of libchdb.so> <clickhouse-local arguments...>}. It depends on the
 * JDK only, so its class path is just the location of this class (a classes directory or the fat jar).
 */
public final class ChdbServerMain {
    private static final String PROGRAM_NAME = "clickhouse";

    private ChdbServerMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: ChdbServerMain <path of libchdb.so> <clickhouse-local arguments...>");
            System.exit(2);
        }
        Path library = Path.of(args[0]);
        if (!Files.isRegularFile(library)) {
            System.err.println("libchdb not found at " + library + "; delete the cached npm package to fetch it again");
            System.exit(2);
        }
        Optional<String> error = serve(library, List.of(args).subList(1, args.length));
        // The serving query only ends when it fails; either way the server is gone.
        System.err.println("clickhouse stopped: " + error.orElse("the serving query ended"));
        System.exit(1);
    }

    /** Runs clickhouse-local in this process; returns its error, if it reported one, once it returns. */
    @SuppressWarnings("restricted") // calling native code is the point; the JVM runs with --enable-native-access
    private static Optional<String> serve(Path library, List<String> arguments) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup chdb = SymbolLookup.libraryLookup(library, Arena.global());
        MethodHandle queryCmdline = linker.downcallHandle(symbol(chdb, "chdb_query_cmdline"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle resultError = linker.downcallHandle(symbol(chdb, "chdb_result_error"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, arguments.size() + 1L);
            argv.setAtIndex(ValueLayout.ADDRESS, 0, arena.allocateFrom(PROGRAM_NAME));
            for (int i = 0; i < arguments.size(); i++) {
                argv.setAtIndex(ValueLayout.ADDRESS, i + 1L, arena.allocateFrom(arguments.get(i)));
            }
            MemorySegment result = (MemorySegment) queryCmdline.invokeExact(arguments.size() + 1, argv);
            if (result.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            MemorySegment message = (MemorySegment) resultError.invokeExact(result);
            return message.equals(MemorySegment.NULL)
                    ? Optional.empty()
                    : Optional.of(message.reinterpret(Long.MAX_VALUE).getString(0).strip());
        }
    }

    private static MemorySegment symbol(SymbolLookup library, String name) {
        return library.find(name).orElseThrow(() -> new IllegalStateException(
                "libchdb has no symbol " + name + "; is the npm package the version the stack pins?"));
    }
}

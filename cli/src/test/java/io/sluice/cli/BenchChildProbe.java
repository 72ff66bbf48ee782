package io.sluice.cli;

import java.util.List;

/** Runs a {@link BenchProcess} whose "JVM" is a shell that writes its pid to the file named by the argument and sleeps. */
public final class BenchChildProbe {
    private BenchChildProbe() {}

    public static void main(String[] args) throws Exception {
        new BenchProcess(List.of("sh", "-c", "echo $$ > '%s.tmp' && mv '%s.tmp' '%s' && exec sleep 300".formatted(args[0], args[0], args[0]), "sh")).run(List.of());
    }
}

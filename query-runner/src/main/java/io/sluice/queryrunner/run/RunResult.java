package io.sluice.queryrunner.run;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A finished run: its record and where its files are ({@code results.json}, {@code results.csv},
 * {@code report.html} in {@code directory}).
 */
public record RunResult(RunRecord record, Path directory)
{
    public RunResult
    {
        requireNonNull(record, "record is null");
        requireNonNull(directory, "directory is null");
    }

    public Path report()
    {
        return directory.resolve(RunFiles.REPORT);
    }

    public Path csv()
    {
        return directory.resolve(RunFiles.CSV);
    }

    public Path json()
    {
        return directory.resolve(RunFiles.JSON);
    }
}

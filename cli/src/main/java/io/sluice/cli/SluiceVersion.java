package io.sluice.cli;

import picocli.CommandLine;

import java.util.Optional;

/** Reads the version from the jar manifest, which Maven fills in. */
final class SluiceVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Optional.ofNullable(SluiceVersion.class.getPackage().getImplementationVersion()).orElse("development build");
        return new String[] {"sluice " + version + " (Java " + Runtime.version() + ")"};
    }
}

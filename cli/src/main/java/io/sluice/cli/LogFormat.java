package io.sluice.cli;

import java.util.Optional;
import java.util.Set;

/**
 * {@code SLUICE_LOG_FORMAT}: {@code text} or {@code json}, the names of the appenders in logback.xml. Checked before
 * anything logs, because logback would otherwise drop every line of an unknown format without a word.
 */
final class LogFormat {
    static final String ENV = "SLUICE_LOG_FORMAT";
    private static final Set<String> FORMATS = Set.of("text", "json");

    private LogFormat() {}

    /** What is wrong with the setting's value, if anything (unset means text; logback keeps an empty value as it is). */
    static Optional<String> problem(String value) {
        if (value == null || FORMATS.contains(value)) {
            return Optional.empty();
        }
        return Optional.of("%s must be text or json, got '%s'".formatted(ENV, value));
    }
}

package io.sluice.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %clearLine} in logback.xml: on a terminal, a log line first clears the line a {@link ProgressBar} may be
 * drawn on (carriage return, erase line), so the line does not continue the bar's text; elsewhere nothing.
 */
public final class ClearLineConverter extends ClassicConverter {
    private String clear = "";

    @Override
    public void start() {
        clear = ProgressBar.isTerminal() ? ProgressBar.CLEAR_LINE : "";
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return clear;
    }
}

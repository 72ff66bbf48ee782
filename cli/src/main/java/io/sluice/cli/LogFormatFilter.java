package io.sluice.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender of logback.xml write only when it is the one {@code SLUICE_LOG_FORMAT} selects. Both appenders
 * stay referenced from the root logger, so logback does not report the unused one (a report that would print its
 * whole status log at every start).
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
    private String format = "";
    private String selected = "";

    /** The format this appender writes: text or json. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The format chosen by the setting. */
    public void setSelected(String selected) {
        this.selected = selected;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return format.equals(selected) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}

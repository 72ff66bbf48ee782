package io.sluice.queryrunner.report;

import java.util.Locale;

/** Text for the report's HTML and its inline SVG. */
final class Html
{
    private Html() {}

    static String escape(String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** An SVG coordinate: one decimal, whatever the default locale. */
    static String number(double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

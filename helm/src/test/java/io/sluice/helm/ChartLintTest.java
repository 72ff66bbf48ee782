package io.sluice.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest
{
    @Test
    void strictLintPassesWithoutWarnings()
    {
        LintResult result = SluiceChart.load().lint();

        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.startsWith("[WARNING]") || message.startsWith("[ERROR]"));
    }
}

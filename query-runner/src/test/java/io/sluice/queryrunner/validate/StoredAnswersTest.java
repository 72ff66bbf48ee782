package io.sluice.queryrunner.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredAnswersTest
{
    private static final String SQL = "SELECT l_returnflag, sum(l_quantity) FROM lineitem GROUP BY 1";

    @TempDir
    Path directory;

    @Test
    void readsBackWhatItStoredWithEveryNumbersScale()
    {
        StoredAnswers answers = new StoredAnswers(directory.resolve("oracle-answers"));
        ResultRows rows = new ResultRows(List.of(
                Arrays.asList("A", new BigDecimal("1.10"), new BigDecimal("37734107"), null),
                Arrays.asList("N", new BigDecimal("1.2345E+7"), new BigDecimal("-0.000"), "1995-03-15")));

        assertThat(answers.read("tpch", "sf1", "q01", SQL)).isEmpty();
        answers.write("tpch", "sf1", "q01", SQL, rows);

        ResultRows back = answers.read("tpch", "sf1", "q01", SQL).orElseThrow();
        assertThat(back).isEqualTo(rows);
        assertThat((BigDecimal) back.rows().getFirst().get(1)).hasScaleOf(2);
        // another scale, catalog or text is another answer
        assertThat(answers.read("tpch", "sf10", "q01", SQL)).isEmpty();
        assertThat(answers.read("tpcds", "sf1", "q01", SQL)).isEmpty();
        assertThat(answers.read("tpch", "sf1", "q01", SQL + " ORDER BY 1")).isEmpty();
        assertThat(answers.file("tpch", "sf1", "q01", SQL).getFileName().toString()).matches("tpch\\.sf1-q01-[0-9a-f]{16}\\.json");
    }

    @Test
    void aFileThatCannotBeReadIsNoAnswerAndIsReplacedOnTheNextWrite()
            throws Exception
    {
        StoredAnswers answers = new StoredAnswers(directory);
        ResultRows rows = new ResultRows(List.of(List.of("x", BigDecimal.ONE)));
        Path file = answers.file("tpcds", "tiny", "q05", SQL);

        Files.writeString(file, "{\"sql\": \"" + SQL + "\", \"rows\": [[");
        assertThat(answers.read("tpcds", "tiny", "q05", SQL)).isEmpty();
        Files.writeString(file, "{\"sql\": \"" + SQL + "\", \"rows\": [[1.5]]}");
        assertThat(answers.read("tpcds", "tiny", "q05", SQL)).as("a bare number, not a kept decimal").isEmpty();

        answers.write("tpcds", "tiny", "q05", SQL, rows);
        assertThat(answers.read("tpcds", "tiny", "q05", SQL)).contains(rows);
        try (var files = Files.list(directory)) {
            assertThat(files).as("no partial file is left").containsExactly(file);
        }
    }

    @Test
    void refusesCellsThatAreNotCanonical()
    {
        StoredAnswers answers = new StoredAnswers(directory);
        ResultRows rows = new ResultRows(List.of(List.of(42L)));

        assertThatThrownBy(() -> answers.write("tpch", "tiny", "q01", SQL, rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Long");
    }
}

package io.sluice.queryrunner.validate;

import io.sluice.queryrunner.query.QueryCatalog;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultComparatorTest
{
    @Test
    void numbersAgreeWithinAUnitOfTheCoarserPrecision()
    {
        assertThat(ResultComparator.numbersAgree(new BigDecimal("25.58"), BigDecimal.valueOf(25.5758))).isTrue();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("25.58"), BigDecimal.valueOf(25.5849))).isTrue();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("25.58"), BigDecimal.valueOf(25.5951))).isFalse();
        // a quotient truncated (ClickHouse) against the same rounded (Trino): one unit in the last place
        assertThat(ResultComparator.numbersAgree(new BigDecimal("1.12"), new BigDecimal("1.11"))).isTrue();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("1.12"), new BigDecimal("1.14"))).isFalse();
        // whole numbers must be equal
        assertThat(ResultComparator.numbersAgree(new BigDecimal("8"), new BigDecimal("9"))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("380456"), new BigDecimal("380456.00"))).isTrue();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("380456"), new BigDecimal("380457.00"))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("15.4865458122841"), BigDecimal.valueOf(15.486545812284101))).isTrue();
        assertThat(ResultComparator.numbersAgree(BigDecimal.ZERO, new BigDecimal("0.00"))).isTrue();
        assertThat(ResultComparator.numbersAgree(BigDecimal.ZERO, new BigDecimal("0.03"))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("0.3"), BigDecimal.ZERO)).isFalse();
        // trailing zeros are precision: a round sum to the cent is not a whole number with half a unit to spare
        assertThat(ResultComparator.numbersAgree(new BigDecimal("100.00"), new BigDecimal("100.37"))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("100.37"), new BigDecimal("100.00"))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("4.50"), BigDecimal.valueOf(4.59))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("12.50"), BigDecimal.valueOf(12.0))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("100.00"), BigDecimal.valueOf(100.0))).isTrue();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("100.00"), BigDecimal.valueOf(100.004))).isTrue();
        // a whole number where a fraction is expected, as from an integer division: within half a unit, but wrong
        assertThat(ResultComparator.numbersAgree(new BigDecimal("1.40"), BigDecimal.ONE)).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("0.50"), BigDecimal.ONE)).isFalse();
        assertThat(ResultComparator.numbersAgree(BigDecimal.ONE, new BigDecimal("0.5"))).isFalse();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("3.00"), BigDecimal.valueOf(3))).isTrue();
        assertThat(ResultComparator.numbersAgree(new BigDecimal("1E+3"), new BigDecimal("1000"))).isTrue();
    }

    @Test
    void textNullsAndDatesMustBeEqual()
    {
        assertThat(ResultComparator.cellsAgree("13", BigDecimal.valueOf(13))).isTrue();
        assertThat(ResultComparator.cellsAgree("1995-03-11", ResultRows.canonical(Date.valueOf(LocalDate.of(1995, 3, 11))))).isTrue();
        assertThat(ResultComparator.cellsAgree("1995-03-11", ResultRows.canonical(LocalDate.of(1995, 3, 11)))).isTrue();
        assertThat(ResultComparator.cellsAgree("MAIL", ResultRows.canonical("MAIL      "))).isTrue();
        assertThat(ResultComparator.cellsAgree("MAIL", "SHIP")).isFalse();
        assertThat(ResultComparator.cellsAgree(null, null)).isTrue();
        assertThat(ResultComparator.cellsAgree(null, BigDecimal.ZERO)).isFalse();
    }

    @Test
    void rowsMayComeInAnotherOrderButNotDifferOrBeMissing()
    {
        ExpectedAnswer expected = new ExpectedAnswer(ReferenceAnswers.parse("-- header\nA|1.50|\nB|2\nB|2\n"), "test");
        assertThat(ResultComparator.mismatch(expected, rows(List.of("A", 1.5), List.of("B", 2L), List.of("B", 2L)))).isEmpty();
        assertThat(ResultComparator.mismatch(expected, rows(List.of("B", 2L), List.of("A", 1.5), List.of("B", 2L)))).isEmpty();
        assertThat(ResultComparator.mismatch(expected, rows(List.of("A", 1.5), List.of("B", 2L), List.of("A", 1.5))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("row 3").contains("column 1 expected B, got A"));
        assertThat(ResultComparator.mismatch(expected, rows(List.of("A", 1.5), List.of("B", 2L))))
                .hasValue("expected 3 rows (test), got 2");
    }

    @Test
    void everyTpchQueryHasAReferenceAnswerAtScaleFactor001Only()
    {
        ReferenceAnswers answers = new ReferenceAnswers();
        for (String name : QueryCatalog.queryNames(Benchmark.TPCH)) {
            var query = QueryCatalog.query(Benchmark.TPCH, name);
            assertThat(answers.expected(query, DatasetId.parse("tpch.sf0_01"))).as(name).hasValueSatisfying(answer -> assertThat(answer.rows().size()).isPositive());
            assertThat(answers.expected(query, DatasetId.parse("tpch.sf1"))).as(name).isEmpty();
        }
        var q1 = answers.expected(QueryCatalog.query(Benchmark.TPCH, "q01"), DatasetId.parse("tpch.sf0_01")).orElseThrow();
        assertThat(q1.rows().rows()).hasSize(4).allSatisfy(row -> assertThat(row).hasSize(10));
        assertThat(TrinoOracle.schema(DatasetId.parse("tpch.sf0_01"))).isEqualTo("tiny");
        assertThat(TrinoOracle.schema(DatasetId.parse("tpch.sf0_1"))).isEqualTo("sf0.1");
        assertThat(TrinoOracle.schema(DatasetId.parse("tpch.sf10"))).isEqualTo("sf10");
        assertThat(TrinoOracle.schema(DatasetId.parse("tpcds.sf0_01"))).isEqualTo("tiny");
        assertThat(TrinoOracle.schema(DatasetId.parse("tpcds.sf1"))).isEqualTo("sf1");
        // no TPC-DS answers besides the oracle's
        assertThat(answers.expected(QueryCatalog.query(Benchmark.TPCDS, "q01"), DatasetId.parse("tpcds.sf0_01"))).isEmpty();
    }

    @SafeVarargs
    private static ResultRows rows(List<Object>... rows)
    {
        return new ResultRows(Arrays.stream(rows).map(row -> row.stream().map(ResultRows::canonical).toList()).toList());
    }
}

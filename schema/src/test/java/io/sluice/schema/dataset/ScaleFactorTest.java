package io.sluice.schema.dataset;

import io.trino.tpcds.Scaling;
import io.trino.tpcds.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaleFactorTest
{
    @Test
    void parsesDecimalAndTokenForms()
    {
        assertThat(ScaleFactor.parse("0.01")).isEqualTo(ScaleFactor.parse("sf0_01"));
        assertThat(ScaleFactor.parse("1.0")).isEqualTo(ScaleFactor.of(1));
        assertThat(ScaleFactor.parse(" SF100 ")).isEqualTo(ScaleFactor.of(100));
        assertThat(ScaleFactor.parse("1000").toString()).isEqualTo("1000");
    }

    @Test
    void formatsPlainAndAsToken()
    {
        ScaleFactor tiny = ScaleFactor.parse("0.010");
        assertThat(tiny.toString()).isEqualTo("0.01");
        assertThat(tiny.token()).isEqualTo("sf0_01");
        assertThat(tiny.toDouble()).isEqualTo(0.01);
        assertThat(ScaleFactor.parse("1000.00").token()).isEqualTo("sf1000");
        assertThat(ScaleFactor.of(10).token()).isEqualTo("sf10");
        assertThat(ScaleFactor.parse(tiny.token())).isEqualTo(tiny);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.00", "sf0", "-0.5"})
    void rejectsZeroAndNegativeNamingAllowedValues(String text)
    {
        assertThatThrownBy(() -> ScaleFactor.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("greater than 0")
                .hasMessageContaining("0.01")
                .hasMessageContaining("10000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "one", "1,5", "sf", "1.2.3", "0x10", "1E+3"})
    void rejectsNonNumbers(String text)
    {
        assertThatThrownBy(() -> ScaleFactor.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a decimal number");
    }

    @Test
    void tpchAcceptsHundredthsUpToTenThousand()
    {
        assertThat(Benchmark.TPCH.accepts(ScaleFactor.parse("0.01"))).isTrue();
        assertThat(Benchmark.TPCH.accepts(ScaleFactor.parse("0.5"))).isTrue();
        assertThat(Benchmark.TPCH.accepts(ScaleFactor.of(3))).isTrue();
        assertThat(Benchmark.TPCH.accepts(ScaleFactor.of(10000))).isTrue();
        assertThat(Benchmark.TPCH.accepts(ScaleFactor.parse("0.001"))).isFalse();
        assertThatThrownBy(() -> Benchmark.TPCH.checkScaleFactor(ScaleFactor.of(10001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tpch does not support scale factor 10001; allowed: " + Benchmark.TPCH.allowedScaleFactors());
    }

    @Test
    void tpcdsAcceptsOnlyTheLibrarysDefinedScalesAndTiny()
    {
        for (String allowed : new String[] {"0.01", "1", "10", "100", "300", "1000", "3000", "10000"}) {
            assertThat(Benchmark.TPCDS.accepts(ScaleFactor.parse(allowed))).as(allowed).isTrue();
        }
        assertThat(Benchmark.TPCDS.accepts(ScaleFactor.of(2))).isFalse();
        assertThat(Benchmark.TPCDS.accepts(ScaleFactor.of(30000))).isFalse();
        assertThatThrownBy(() -> Benchmark.TPCDS.checkScaleFactor(ScaleFactor.of(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tpcds does not support scale factor 30")
                .hasMessageContaining("0.01, 1, 10, 100, 300, 1000, 3000, 10000");
    }

    @Test
    void tpcdsLibraryScalesFactTablesMonotonicallyOverTheAcceptedScales()
    {
        long previous = 0;
        for (String allowed : new String[] {"0.01", "1", "10", "100", "300", "1000", "3000", "10000"}) {
            Scaling scaling = new Scaling(ScaleFactor.parse(allowed).toDouble());
            assertThat(scaling.getRowCount(Table.STORE_SALES)).as("store_sales at " + allowed).isGreaterThan(previous);
            assertThat(scaling.getRowCount(Table.ITEM)).as("item at " + allowed).isPositive();
            previous = scaling.getRowCount(Table.STORE_SALES);
        }
    }

    @Test
    void benchmarkIdsParseCaseInsensitively()
    {
        assertThat(Benchmark.fromId("TPCH")).isEqualTo(Benchmark.TPCH);
        assertThat(Benchmark.fromId("tpcds")).isEqualTo(Benchmark.TPCDS);
        assertThatThrownBy(() -> Benchmark.fromId("tpcc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown benchmark 'tpcc'; use one of: tpch, tpcds");
    }
}

-- ClickHouse variant of io.trino.tpch queries/q8.sql: ClickHouse divides decimals at the dividend's scale and
-- truncates (sum of Decimal(15,2) * (1 - Decimal(15,2)) has scale 4, so mkt_share came out as 0.0182 where the
-- reference is 0.01825...; seen at SF 0.1), while the other engines round or widen the scale. The ratio is
-- computed from the same sums as Float64. Same parameters, same rows.
SELECT
  o_year,
  toFloat64(sum(CASE
      WHEN nation = 'BRAZIL'
        THEN volume
      ELSE 0
      END)) / toFloat64(sum(volume)) AS mkt_share
FROM (
       SELECT
         extract(YEAR FROM o_orderdate)     AS o_year,
         l_extendedprice * (1 - l_discount) AS volume,
         n2.n_name                          AS nation
       FROM
         part,
         supplier,
         lineitem,
         orders,
         customer,
         nation n1,
         nation n2,
         region
       WHERE
         p_partkey = l_partkey
         AND s_suppkey = l_suppkey
         AND l_orderkey = o_orderkey
         AND o_custkey = c_custkey
         AND c_nationkey = n1.n_nationkey
         AND n1.n_regionkey = r_regionkey
         AND r_name = 'AMERICA'
         AND s_nationkey = n2.n_nationkey
         AND o_orderdate BETWEEN DATE '1995-01-01' AND DATE '1996-12-31'
         AND p_type = 'ECONOMY ANODIZED STEEL'
     ) AS all_nations
GROUP BY
  o_year
ORDER BY
  o_year

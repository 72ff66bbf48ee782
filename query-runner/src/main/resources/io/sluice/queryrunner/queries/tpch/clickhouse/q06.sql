-- ClickHouse variant of io.trino.tpch queries/q6.sql: ClickHouse has no typed literal `decimal '0.06'`, so the
-- discount bounds are CASTs to the column's type. Plain 0.06 - 0.01 would be Float64 arithmetic
-- (0.06 + 0.01 = 0.06999999999999999) and drop the rows with l_discount = 0.07. Same parameters, same result.
SELECT sum(l_extendedprice * l_discount) AS revenue
FROM
  lineitem
WHERE
  l_shipdate >= DATE '1994-01-01'
  AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR
AND l_discount BETWEEN CAST('0.06' AS Decimal(15, 2)) - CAST('0.01' AS Decimal(15, 2)) AND CAST('0.06' AS Decimal(15, 2)) + CAST('0.01' AS Decimal(15, 2))
AND l_quantity < 24

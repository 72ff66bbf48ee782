-- Spark variant of io.trino.tpch queries/q6.sql: Spark SQL has no typed literal `decimal '0.06'`; its plain
-- literal 0.06 already is a DECIMAL(2,2), so the bounds are exact decimals as in the library's text. Same
-- parameters, same result.
SELECT sum(l_extendedprice * l_discount) AS revenue
FROM
  lineitem
WHERE
  l_shipdate >= DATE '1994-01-01'
  AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR
AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01
AND l_quantity < 24

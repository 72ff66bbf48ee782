-- Trino variant of the TPC-DS text tpcds/q32.sql (spark-sql tests jar): Trino writes a day interval as INTERVAL '30'
-- DAY, not INTERVAL 30 days; Trino quotes identifiers with double quotes, not backticks; Trino compares a date only
-- with a date, so the date literals are DATE '…' (Spark casts the strings implicitly). Same qualification
-- parameters.
SELECT sum(cs_ext_discount_amt) AS "excess discount amount"
FROM
  catalog_sales, item, date_dim
WHERE
  i_manufact_id = 977
    AND i_item_sk = cs_item_sk
    AND d_date BETWEEN DATE '2000-01-27' AND (cast('2000-01-27' AS DATE) + INTERVAL '90' DAY)
    AND d_date_sk = cs_sold_date_sk
    AND cs_ext_discount_amt > (
    SELECT 1.3 * avg(cs_ext_discount_amt)
    FROM catalog_sales, date_dim
    WHERE cs_item_sk = i_item_sk
      AND d_date BETWEEN DATE '2000-01-27' AND (cast('2000-01-27' AS DATE) + INTERVAL '90' DAY)
      AND d_date_sk = cs_sold_date_sk)
LIMIT 100

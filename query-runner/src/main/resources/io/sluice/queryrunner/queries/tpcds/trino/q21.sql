-- Trino variant of the TPC-DS text tpcds/q21.sql (spark-sql tests jar): Trino writes a day interval as INTERVAL '30'
-- DAY, not INTERVAL 30 days; Trino divides an integer by an integer as integers (7 / 4 = 1), where the query means
-- the ratio that Spark and ClickHouse compute, so the dividend is a double; Trino divides decimal literals at their
-- own scale (2.0 / 3.0 = 0.7), so the bounds are doubles, the 2/3 and 3/2 Spark and ClickHouse compare with. Same
-- qualification parameters.
SELECT *
FROM (
       SELECT
         w_warehouse_name,
         i_item_id,
         sum(CASE WHEN (cast(d_date AS DATE) < cast('2000-03-11' AS DATE))
           THEN inv_quantity_on_hand
             ELSE 0 END) AS inv_before,
         sum(CASE WHEN (cast(d_date AS DATE) >= cast('2000-03-11' AS DATE))
           THEN inv_quantity_on_hand
             ELSE 0 END) AS inv_after
       FROM inventory, warehouse, item, date_dim
       WHERE i_current_price BETWEEN 0.99 AND 1.49
         AND i_item_sk = inv_item_sk
         AND inv_warehouse_sk = w_warehouse_sk
         AND inv_date_sk = d_date_sk
         AND d_date BETWEEN (cast('2000-03-11' AS DATE) - INTERVAL '30' DAY)
       AND (cast('2000-03-11' AS DATE) + INTERVAL '30' DAY)
       GROUP BY w_warehouse_name, i_item_id) x
WHERE (CASE WHEN inv_before > 0
  THEN CAST(inv_after AS double) / inv_before
       ELSE NULL
       END) BETWEEN 2e0 / 3e0 AND 3e0 / 2e0
ORDER BY w_warehouse_name, i_item_id
LIMIT 100

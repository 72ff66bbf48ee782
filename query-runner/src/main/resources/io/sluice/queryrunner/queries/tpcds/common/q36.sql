-- Common variant (every engine without one of its own) of the TPC-DS text tpcds/q36.sql (spark-sql tests jar): the
-- engines divide decimals at different scales and round or truncate differently (Trino: 0.8999 is 0.90, ClickHouse:
-- 0.89), which moves rows across the comparison, ties the ranks or drifts the sums, so the quotient is a double in
-- every engine. Same qualification parameters.
SELECT
  CAST(sum(ss_net_profit) AS double) / sum(ss_ext_sales_price) AS gross_margin,
  i_category,
  i_class,
  grouping(i_category) + grouping(i_class) AS lochierarchy,
  rank()
  OVER (
    PARTITION BY grouping(i_category) + grouping(i_class),
      CASE WHEN grouping(i_class) = 0
        THEN i_category END
    ORDER BY CAST(sum(ss_net_profit) AS double) / sum(ss_ext_sales_price) ASC) AS rank_within_parent
FROM
  store_sales, date_dim d1, item, store
WHERE
  d1.d_year = 2001
    AND d1.d_date_sk = ss_sold_date_sk
    AND i_item_sk = ss_item_sk
    AND s_store_sk = ss_store_sk
    AND s_state IN ('TN', 'TN', 'TN', 'TN', 'TN', 'TN', 'TN', 'TN')
GROUP BY ROLLUP (i_category, i_class)
ORDER BY
  lochierarchy DESC
  , CASE WHEN lochierarchy = 0
  THEN i_category END
  , rank_within_parent
LIMIT 100

-- Spark variant of the TPC-DS text tpcds/q30.sql (spark-sql tests jar): Spark puts NULLs first in an ascending ORDER
-- BY where Trino and ClickHouse put them last, and with LIMIT that selects other rows, so the ascending keys of the
-- final ORDER BY say NULLS LAST; the customer column is c_last_review_date_sk in the TPC-DS schema (the Spark text
-- says c_last_review_date, a name of Spark's own test tables). Same qualification parameters.
WITH customer_total_return AS
(SELECT
    wr_returning_customer_sk AS ctr_customer_sk,
    ca_state AS ctr_state,
    sum(wr_return_amt) AS ctr_total_return
  FROM web_returns, date_dim, customer_address
  WHERE wr_returned_date_sk = d_date_sk
    AND d_year = 2002
    AND wr_returning_addr_sk = ca_address_sk
  GROUP BY wr_returning_customer_sk, ca_state)
SELECT
  c_customer_id,
  c_salutation,
  c_first_name,
  c_last_name,
  c_preferred_cust_flag,
  c_birth_day,
  c_birth_month,
  c_birth_year,
  c_birth_country,
  c_login,
  c_email_address,
  c_last_review_date_sk,
  ctr_total_return
FROM customer_total_return ctr1, customer_address, customer
WHERE ctr1.ctr_total_return > (SELECT avg(ctr_total_return) * 1.2
FROM customer_total_return ctr2
WHERE ctr1.ctr_state = ctr2.ctr_state)
  AND ca_address_sk = c_current_addr_sk
  AND ca_state = 'GA'
  AND ctr1.ctr_customer_sk = c_customer_sk
ORDER BY c_customer_id NULLS LAST, c_salutation NULLS LAST, c_first_name NULLS LAST, c_last_name NULLS LAST, c_preferred_cust_flag NULLS LAST
  , c_birth_day NULLS LAST, c_birth_month NULLS LAST, c_birth_year NULLS LAST, c_birth_country NULLS LAST, c_login NULLS LAST, c_email_address NULLS LAST
  , c_last_review_date_sk NULLS LAST, ctr_total_return NULLS LAST
LIMIT 100

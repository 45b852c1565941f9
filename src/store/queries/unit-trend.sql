-- title: Trend of one unit over time
-- description: How many numbers one unit has per year (or month), in how many articles, with their least, mean and greatest value. Time is the start of the period the sentence gives, else the publication date.
-- param: unit — the unit, e.g. `%`, `xã`, `tỷ đồng` (required)
-- param: grain (year|month) — group by year or by month (default year)
-- Read from statistics_summary, which the store keeps as it writes the numbers.
SELECT time,
       statistics,
       articles,
       least,
       round(value_sum / statistics, 2) AS mean,
       greatest
FROM statistics_summary
WHERE unit_folded = :unit_folded AND grain = :grain
ORDER BY time;

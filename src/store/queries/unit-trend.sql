-- title: Trend of one unit over time
-- description: How many numbers one unit has per year (or month), in how many articles, with their least, mean and greatest value. Time is the start of the period the sentence gives, else the publication date.
-- param: unit — the unit, e.g. `%`, `xã`, `tỷ đồng` (required)
-- param: grain (year|month) — group by year or by month (default year)
SELECT substr(coalesce(s.period_start, s.published), 1, CASE :grain WHEN 'month' THEN 7 ELSE 4 END) AS time,
       count(*) AS statistics,
       count(DISTINCT s.article_id) AS articles,
       min(s.value) AS least,
       round(avg(s.value), 2) AS mean,
       max(s.value) AS greatest
FROM statistics s
WHERE s.unit_folded = :unit_folded AND coalesce(s.period_start, s.published) IS NOT NULL
GROUP BY time
ORDER BY time;

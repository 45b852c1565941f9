-- title: Trend of one unit over time, by indicator
-- description: The numbers in one unit per year (or month) and indicator (what they count or measure), levels apart from changes, with how many there are, in how many articles, and their least, mean and greatest value: only figures of one indicator are ever averaged. A number without an indicator is a row of its own. Time is the start of the period the sentence gives, else the publication date.
-- param: unit — the unit, e.g. `%`, `xã`, `tỷ đồng` (required)
-- param: grain (year|month) — group by year or by month (default year)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- A percentage restating an a/b figure's share is left out: it is that figure again.
SELECT substr(coalesce(s.period_start, s.published), 1, CASE :grain WHEN 'month' THEN 7 ELSE 4 END) AS time,
       min(s.indicator) AS indicator, s.change,
       count(*) AS statistics, count(DISTINCT s.article_id) AS articles,
       min(s.value) AS least, round(avg(s.value), 2) AS mean, max(s.value) AS greatest
FROM statistics s INDEXED BY statistics_unit
WHERE s.unit_folded = :unit_folded AND coalesce(s.period_start, s.published) IS NOT NULL AND s.restates IS NULL
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
GROUP BY time, coalesce(s.indicator_key, '#' || s.id), s.change
ORDER BY time, statistics DESC, indicator, s.change;

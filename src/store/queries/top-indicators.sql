-- title: Top indicators
-- description: The indicators (what numbers count or measure, issue #20) most often stated, with how many numbers and articles give each, their units, and the first and last publication date.
-- param: unit — only numbers in this unit (default none)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- param: limit (int) — most indicators returned (default 20)
-- Grouped on the indicator index (partial: numbers with an indicator); a percentage restating an a/b figure is not counted again.
SELECT min(s.indicator) AS indicator, s.indicator_key,
       count(*) AS statistics, count(DISTINCT s.article_id) AS articles,
       group_concat(DISTINCT s.unit) AS units,
       min(s.published) AS first_published, max(s.published) AS last_published
FROM statistics s INDEXED BY statistics_indicator
WHERE s.indicator_key IS NOT NULL AND s.restates IS NULL
  AND (:unit IS NULL OR s.unit_folded = :unit_folded)
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
GROUP BY s.indicator_key
ORDER BY statistics DESC, s.indicator_key
LIMIT :limit;

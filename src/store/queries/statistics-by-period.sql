-- title: Statistics by period
-- description: Numbers whose sentence ties them to a period (`6 tháng đầu năm 2020`, `nhiệm kỳ 2015 - 2020`) lying within the given span, earliest period first.
-- param: from (date) — the period starts on or after this day, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (required)
-- param: to (end-date) — the period ends on or before this day (default 9999-12-30)
-- param: unit — only this unit (default none)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- param: limit (int) — most rows returned, -1 for all (default 100)
SELECT s.id, s.value, s.total, s.unit, s.text, s.indicator, s.share, s.qualifier, s.change, s.period, s.period_start, s.period_end, s.place, s.published,
       a.source_id, src.name AS source_name, a.title AS article_title, a.url AS article_url, s.article_id, s.context
FROM statistics s
JOIN articles a ON a.id = s.article_id
LEFT JOIN sources src ON src.id = a.source_id
WHERE s.period_start >= :from AND s.period_start <= :to AND s.period_end <= :to
  AND (:unit IS NULL OR s.unit_folded = :unit_folded)
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
ORDER BY s.period_start, s.period_end, s.id
LIMIT :limit;

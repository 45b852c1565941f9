-- title: Statistics by source
-- description: The numbers one source (site) published, newest article first.
-- param: source — source id, e.g. `hanoimoi` (see `vnpress query sql "SELECT id, name FROM sources"`) (required)
-- param: unit — only this unit (default none)
-- param: from (date) — only articles published on or after this day (default none)
-- param: to (end-date) — only articles published on or before this day (default none)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- param: limit (int) — most rows returned, -1 for all (default 100)
SELECT s.id, s.value, s.total, s.unit, s.text, s.indicator, s.share, s.qualifier, s.change, s.period, s.place, a.published,
       a.source_id, src.name AS source_name, a.title AS article_title, a.url AS article_url, s.article_id, s.context
FROM articles a
JOIN statistics s ON s.article_id = a.id
LEFT JOIN sources src ON src.id = a.source_id
WHERE a.source_id = :source
  AND (:from IS NULL OR a.published >= :from) AND (:to IS NULL OR a.published < date(:to, '+1 day'))
  AND (:unit IS NULL OR s.unit_folded = :unit_folded)
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
ORDER BY a.published DESC, s.id
LIMIT :limit;

-- title: Statistics by unit
-- description: Every number stated with one unit (`xa` finds `xã`, `ty dong` finds `tỷ đồng`), newest article first, with its sentence, period, place and article.
-- param: unit — the unit as written, e.g. `xã`, `%`, `tỷ đồng`; diacritics and case do not matter (required)
-- param: from (date) — only articles published on or after this day, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (default none)
-- param: to (end-date) — only articles published on or before this day (default none)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- param: limit (int) — most rows returned, -1 for all (default 100)
SELECT s.id, s.value, s.total, s.unit, s.text, s.indicator, s.share, s.qualifier, s.change, s.period, s.place, s.published,
       a.source_id, src.name AS source_name, a.title AS article_title, a.url AS article_url, s.article_id, s.context
FROM statistics s
JOIN articles a ON a.id = s.article_id
LEFT JOIN sources src ON src.id = a.source_id
WHERE s.unit_folded = :unit_folded
  AND (:from IS NULL OR s.published >= :from) AND (:to IS NULL OR s.published < date(:to, '+1 day'))
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
ORDER BY s.published DESC, s.id
LIMIT :limit;

-- title: Trend of one indicator
-- description: Every number whose indicator (what it counts or measures, issue #20) contains the given words (`nong thon moi` finds `xã đạt chuẩn nông thôn mới`), oldest first: its time (the start of the period its sentence gives, else the publication date), value, total, share, qualifier, change, place, sentence and article. A percentage that restates an `a/b` figure's share is left out (the figure carries it).
-- param: indicator — words of the indicator; diacritics and case do not matter (required)
-- param: place — only numbers about this province or city (default none)
-- param: from (date) — only times on or after this day, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (default none)
-- param: to (end-date) — only times on or before this day (default none)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- param: limit (int) — most rows returned, -1 for all (default 500)
SELECT coalesce(s.period_start, substr(s.published, 1, 10)) AS time, s.period, s.published,
       s.value, s.upper, s.total, s.share, s.unit, s.qualifier, s.change, s.compared_to,
       s.indicator, s.place, s.text, s.context AS sentence,
       a.source_id, a.title AS article_title, a.url AS article_url, s.article_id, s.id
-- The indicator index is read whole (a substring match cannot seek), but only it: the rows come by id.
FROM statistics s INDEXED BY statistics_indicator
JOIN articles a ON a.id = s.article_id
WHERE s.indicator_key IS NOT NULL AND s.indicator_key LIKE '%' || :indicator_folded || '%' AND s.restates IS NULL
  AND (:place IS NULL OR s.place_folded = :place_folded)
  AND (:from IS NULL OR coalesce(s.period_start, s.published) >= :from)
  AND (:to IS NULL OR coalesce(s.period_start, s.published) < date(:to, '+1 day'))
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
ORDER BY time, s.published, s.id
LIMIT :limit;

-- title: Statistics by place
-- description: Numbers about one province or centrally-run city (the one extract gave, else the first named in the sentence, else in the article title), newest first.
-- param: place — province or city, e.g. `Hà Nội`, `Thanh Hóa`, `Thành phố Hồ Chí Minh`; diacritics and case do not matter (required)
-- param: unit — only this unit (default none)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- param: limit (int) — most rows returned, -1 for all (default 100)
SELECT s.id, s.value, s.total, s.unit, s.text, s.indicator, s.share, s.qualifier, s.change, s.place, s.period, s.published,
       a.source_id, src.name AS source_name, a.title AS article_title, a.url AS article_url, s.article_id, s.context
FROM statistics s
JOIN articles a ON a.id = s.article_id
LEFT JOIN sources src ON src.id = a.source_id
WHERE s.place_folded = :place_folded
  AND (:unit IS NULL OR s.unit_folded = :unit_folded)
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
ORDER BY s.published DESC, s.id
LIMIT :limit;

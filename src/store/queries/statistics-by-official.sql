-- title: Statistics by official
-- description: Numbers in the articles that name an official (part of the name is enough: `Hue` finds Vương Đình Huệ), with the titles the article gives them.
-- param: official — the name or part of it; diacritics and case do not matter (required)
-- param: unit — only this unit (default none)
-- param: sentence — only numbers whose sentence contains these words; diacritics and case do not matter (default none)
-- param: limit (int) — most rows returned, -1 for all (default 100)
WITH named AS (
  SELECT DISTINCT t.article_id, o.id AS official_id, o.name
  FROM officials o JOIN official_titles t ON t.official_id = o.id
  WHERE o.name_folded LIKE '%' || :official_folded || '%'
)
SELECT n.name AS official,
       (SELECT group_concat(t.title, '; ') FROM official_titles t
         WHERE t.article_id = n.article_id AND t.official_id = n.official_id AND t.title IS NOT NULL) AS titles,
       s.id, s.value, s.total, s.unit, s.text, s.indicator, s.share, s.qualifier, s.change, s.period, s.place, a.published,
       a.source_id, src.name AS source_name, a.title AS article_title, a.url AS article_url, s.article_id, n.official_id
-- CROSS JOIN keeps this order: from the few articles that name the person to their numbers.
FROM named n
CROSS JOIN statistics s ON s.article_id = n.article_id
JOIN articles a ON a.id = n.article_id
LEFT JOIN sources src ON src.id = a.source_id
WHERE (:unit IS NULL OR s.unit_folded = :unit_folded)
  AND (:sentence IS NULL OR s.context_folded LIKE '%' || :sentence_folded || '%')
ORDER BY a.published DESC, n.name, s.id
LIMIT :limit;

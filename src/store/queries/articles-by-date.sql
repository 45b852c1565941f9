-- title: Articles by date range
-- description: Articles published between two days, oldest first, with how many officials, documents and numbers each holds.
-- param: from (date) — published on or after this day, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (required)
-- param: to (end-date) — published on or before this day (default 9999-12-30)
-- param: source — only this source id (default none)
-- param: limit (int) — most rows returned, -1 for all (default 500)
SELECT a.id, a.published, a.source_id, src.name AS source_name, a.title, a.author, a.section,
       length(a.text) AS characters,
       (SELECT count(DISTINCT t.official_id) FROM official_titles t WHERE t.article_id = a.id) AS officials,
       (SELECT count(*) FROM document_citations c WHERE c.article_id = a.id) AS documents,
       (SELECT count(*) FROM statistics s WHERE s.article_id = a.id) AS statistics,
       a.url AS article_url
FROM articles a
LEFT JOIN sources src ON src.id = a.source_id
WHERE a.published >= :from AND a.published < date(:to, '+1 day')
  AND (:source IS NULL OR a.source_id = :source)
ORDER BY a.published, a.id
LIMIT :limit;

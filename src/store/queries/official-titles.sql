-- title: Officials and their titles over time
-- description: Every title each official is given, with the first and last article that gives it, in order of first appearance.
-- param: official — the name or part of it; diacritics and case do not matter (default none: everyone)
-- param: limit (int) — most rows returned, -1 for all (default 500)
SELECT o.name, t.title,
       min(a.published) AS first_seen, max(a.published) AS last_seen,
       count(DISTINCT t.article_id) AS articles,
       (SELECT a2.url FROM official_titles t2 JOIN articles a2 ON a2.id = t2.article_id
         WHERE t2.official_id = o.id AND t2.title IS t.title
         ORDER BY a2.published DESC LIMIT 1) AS article_url,
       o.id AS official_id
FROM officials o
JOIN official_titles t ON t.official_id = o.id
JOIN articles a ON a.id = t.article_id
WHERE :official IS NULL OR o.name_folded LIKE '%' || :official_folded || '%'
GROUP BY o.id, t.title
ORDER BY o.name, first_seen, t.title
LIMIT :limit;

-- title: Top units
-- description: The units numbers are most often stated in, with how many numbers use each and the first and last publication date.
-- param: limit (int) — most units returned (default 20)
WITH counted AS (
  SELECT unit_folded, count(*) AS statistics, min(published) AS first_published, max(published) AS last_published
  FROM statistics
  GROUP BY unit_folded
  ORDER BY statistics DESC
  LIMIT :limit
)
SELECT (SELECT s.unit FROM statistics s WHERE s.unit_folded = c.unit_folded LIMIT 1) AS unit,
       c.statistics, c.first_published, c.last_published
FROM counted c
ORDER BY c.statistics DESC, unit;

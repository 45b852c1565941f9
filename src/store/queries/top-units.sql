-- title: Top units
-- description: The units numbers are most often stated in, with how many numbers use each and the first and last publication date.
-- param: limit (int) — most units returned (default 20)
-- Counts come from statistics_summary (every number is in one year row or in the undated row);
-- the first and last dates are one seek each in the statistics_unit index.
WITH counted AS (
  SELECT unit_folded, sum(statistics) AS statistics
  FROM statistics_summary
  WHERE grain IN ('year', 'none')
  GROUP BY unit_folded
  ORDER BY statistics DESC
  LIMIT :limit
)
SELECT (SELECT s.unit FROM statistics s WHERE s.unit_folded = c.unit_folded LIMIT 1) AS unit,
       c.statistics,
       (SELECT min(s.published) FROM statistics s WHERE s.unit_folded = c.unit_folded) AS first_published,
       (SELECT max(s.published) FROM statistics s WHERE s.unit_folded = c.unit_folded) AS last_published
FROM counted c
ORDER BY c.statistics DESC, unit;

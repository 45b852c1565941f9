-- title: Most cited documents
-- description: Documents by how many articles cite them, with the first and last citing article.
-- param: limit (int) — most documents returned (default 50)
SELECT d.code, d.kind, d.number, d.date AS issued, d.issuer,
       count(DISTINCT c.article_id) AS articles,
       min(a.published) AS first_cited, max(a.published) AS last_cited,
       (SELECT a2.url FROM document_citations c2 JOIN articles a2 ON a2.id = c2.article_id
         WHERE c2.document_id = d.id ORDER BY a2.published DESC LIMIT 1) AS article_url,
       d.id AS document_id
FROM documents d
JOIN document_citations c ON c.document_id = d.id
JOIN articles a ON a.id = c.article_id
GROUP BY d.id
ORDER BY articles DESC, d.code
LIMIT :limit;

-- title: Most cited documents
-- description: Documents by how many articles cite them, with the first and last citing dates, the latest citing article, and every citing article's URL.
-- param: limit (int) — most documents returned (default 50)
-- citing_urls lists every citing article, oldest first, separated by spaces (URLs hold none);
-- documents-by-code gives them one row each, with their titles.
SELECT d.code, d.kind, d.number, d.date AS issued, d.issuer,
       count(DISTINCT c.article_id) AS articles,
       min(a.published) AS first_cited, max(a.published) AS last_cited,
       (SELECT a2.title FROM document_citations c2 JOIN articles a2 ON a2.id = c2.article_id
         WHERE c2.document_id = d.id ORDER BY a2.published DESC, a2.id DESC LIMIT 1) AS article_title,
       (SELECT a2.url FROM document_citations c2 JOIN articles a2 ON a2.id = c2.article_id
         WHERE c2.document_id = d.id ORDER BY a2.published DESC, a2.id DESC LIMIT 1) AS article_url,
       (SELECT group_concat(u.url, ' ') FROM (SELECT DISTINCT a3.id, a3.url FROM document_citations c3 JOIN articles a3 ON a3.id = c3.article_id
         WHERE c3.document_id = d.id ORDER BY a3.published, a3.id) u) AS citing_urls,
       d.id AS document_id
FROM documents d
JOIN document_citations c ON c.document_id = d.id
JOIN articles a ON a.id = c.article_id
GROUP BY d.id
ORDER BY articles DESC, d.code
LIMIT :limit;

-- title: Documents by code
-- description: Documents whose code starts with the given one (`290-QĐ/TW`, `57-NQ` or just `57`), each with every article that cites it.
-- param: code — the document code or its beginning; diacritics and case do not matter (required)
-- param: limit (int) — most rows returned, -1 for all (default 500)
SELECT d.code, d.kind, d.number, d.date AS issued, d.issuer, d.term,
       c.text AS citation, a.published, a.source_id, src.name AS source_name,
       a.title AS article_title, a.url AS article_url, d.id AS document_id, c.article_id
FROM documents d
JOIN document_citations c ON c.document_id = d.id
JOIN articles a ON a.id = c.article_id
LEFT JOIN sources src ON src.id = a.source_id
-- a prefix range on the unique doc_key index (doc_key is the folded code)
WHERE d.doc_key >= :code_folded AND d.doc_key < :code_folded || char(1114111) AND d.code IS NOT NULL
ORDER BY d.code, a.published, c.id
LIMIT :limit;

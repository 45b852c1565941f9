// Schema migrations, applied in order; PRAGMA user_version records how far a database is.
// Never edit a migration that has shipped: add a new one. Table and column names are meant
// to read well in any SQLite tool (Datasette opens the file as is).

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'sources, crawl state, articles, entities, runs, full-text search',
    sql: /* sql */ `
CREATE TABLE sources (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  base_url    TEXT,
  language    TEXT
);

-- Crawl state: one row per URL the crawler knows (articles, feeds, sitemaps, listings).
CREATE TABLE urls (
  id             INTEGER PRIMARY KEY,
  url            TEXT NOT NULL UNIQUE,
  source_id      TEXT REFERENCES sources(id),
  kind           TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article','feed','sitemap','listing')),
  status         TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','fetched','not-modified','failed','gone','skipped')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  last_status    INTEGER,
  last_error     TEXT,
  etag           TEXT,
  last_modified  TEXT,
  content_hash   TEXT,
  published_hint TEXT,
  discovered_at  TEXT NOT NULL,
  fetched_at     TEXT,
  next_check_at  TEXT
);
CREATE INDEX urls_due ON urls(source_id, status, next_check_at);

CREATE TABLE articles (
  id               INTEGER PRIMARY KEY,
  url              TEXT NOT NULL UNIQUE,
  source_id        TEXT REFERENCES sources(id),
  title            TEXT,
  published        TEXT,
  published_origin TEXT,
  modified         TEXT,
  author           TEXT,
  credit           TEXT,
  section          TEXT,
  language         TEXT NOT NULL,
  text             TEXT NOT NULL,
  content_hash     TEXT NOT NULL,
  warnings         TEXT,
  fetched_at       TEXT,
  first_stored_at  TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX articles_source_published ON articles(source_id, published);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_hash ON articles(content_hash);

-- The text an article had before a later fetch changed it.
CREATE TABLE article_revisions (
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  title         TEXT,
  text          TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  stored_at     TEXT NOT NULL,
  replaced_at   TEXT NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions(article_id);

-- The fetched page, gzip-compressed, so that re-extraction needs no refetch.
CREATE TABLE raw_pages (
  article_id    INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  url           TEXT NOT NULL,
  fetched_at    TEXT,
  content_type  TEXT,
  charset       TEXT,
  html_gzip     BLOB NOT NULL
);

CREATE TABLE officials (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  name_folded  TEXT NOT NULL UNIQUE
);

-- One row per title an article gives a person (a person with no title gets one row with title NULL).
CREATE TABLE official_titles (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  official_id  INTEGER NOT NULL REFERENCES officials(id),
  title        TEXT,
  position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX official_titles_official ON official_titles(official_id, article_id);
CREATE INDEX official_titles_article ON official_titles(article_id);

CREATE TABLE documents (
  id        INTEGER PRIMARY KEY,
  doc_key   TEXT NOT NULL UNIQUE,
  kind      TEXT NOT NULL,
  number    TEXT,
  code      TEXT,
  date      TEXT,
  issuer    TEXT,
  term      TEXT
);
CREATE INDEX documents_code ON documents(code);

CREATE TABLE document_citations (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  text         TEXT NOT NULL,
  span_start   INTEGER,
  span_end     INTEGER
);
CREATE INDEX document_citations_document ON document_citations(document_id);
CREATE INDEX document_citations_article ON document_citations(article_id);

CREATE TABLE dates (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  text         TEXT NOT NULL,
  value        TEXT NOT NULL,
  part_of_day  TEXT,
  implied      TEXT,
  span_start   INTEGER,
  span_end     INTEGER
);
CREATE INDEX dates_article ON dates(article_id);
CREATE INDEX dates_value ON dates(value);

CREATE TABLE periods (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  text         TEXT NOT NULL,
  value        TEXT NOT NULL,
  start_date   TEXT,
  end_date     TEXT,
  span_start   INTEGER,
  span_end     INTEGER
);
CREATE INDEX periods_article ON periods(article_id);
CREATE INDEX periods_value ON periods(value);

CREATE TABLE statistics (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  text         TEXT NOT NULL,
  value        REAL NOT NULL,
  total        REAL,
  unit         TEXT NOT NULL,
  unit_folded  TEXT NOT NULL,
  context      TEXT,
  period       TEXT,
  period_start TEXT,
  period_end   TEXT,
  rule         TEXT,
  span_start   INTEGER,
  span_end     INTEGER,
  -- The province or centrally-run city the number is about: given by extract (Statistic.place),
  -- else the first one named in the sentence, else in the article title (src/store/places.ts).
  place        TEXT,
  place_folded TEXT,
  -- The article's publication time, copied so that statistics can be filtered and ordered by
  -- date through an index without a join (rewritten with the extraction when the article changes).
  published    TEXT
);
CREATE INDEX statistics_article ON statistics(article_id);
-- Covers the by-unit queries and charts (unit, date, period, value, article) without table lookups.
CREATE INDEX statistics_unit ON statistics(unit_folded, published, period_start, value, article_id, period_end);
-- Partial: most numbers have no place or period, and need no entry (cheaper ingest, smaller file).
CREATE INDEX statistics_place ON statistics(place_folded, published) WHERE place_folded IS NOT NULL;
CREATE INDEX statistics_period ON statistics(period_start, period_end) WHERE period_start IS NOT NULL;
-- One unit in one place (the statistics explorer and chart), by date or, sorted, by period.
CREATE INDEX statistics_unit_place ON statistics(unit_folded, place_folded, published, period_start, value, article_id, period_end)
  WHERE place_folded IS NOT NULL;
-- Numbers of one unit that refer to a period, newest period first: the statistics chart by period.
CREATE INDEX statistics_unit_period ON statistics(unit_folded, period_start, period_end, value, article_id) WHERE period_start IS NOT NULL;

-- Running totals of the statistics table by unit and by year or month, so that top units and
-- trends over a million numbers read a few hundred rows instead of all of them. The store keeps
-- it in the transaction that writes the numbers (src/store/db.ts); after writing statistics any
-- other way, run rebuildStatisticsSummary (same file). grain 'year' (time = YYYY), 'month'
-- (time = YYYY-MM) or 'none' (time = '': neither a period nor a publication date); time is the
-- start of the period the sentence gives, else the article's publication date. articles counts
-- the distinct articles with numbers in the row's unit and time; least and greatest are their
-- extreme values (recomputed from the unit indexes when a number that was one of them goes).
CREATE TABLE statistics_summary (
  unit_folded  TEXT NOT NULL,
  grain        TEXT NOT NULL CHECK (grain IN ('year','month','none')),
  time         TEXT NOT NULL,
  statistics   INTEGER NOT NULL,
  articles     INTEGER NOT NULL,
  value_sum    REAL NOT NULL,
  least        REAL,
  greatest     REAL,
  PRIMARY KEY (unit_folded, grain, time)
) WITHOUT ROWID;

CREATE TABLE runs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  pipeline     TEXT,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','finished','failed','interrupted'))
);

-- Per-source counts of one run.
CREATE TABLE run_sources (
  run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  source_id       TEXT NOT NULL,
  discovered      INTEGER NOT NULL DEFAULT 0,
  fetched         INTEGER NOT NULL DEFAULT 0,
  not_modified    INTEGER NOT NULL DEFAULT 0,
  failed          INTEGER NOT NULL DEFAULT 0,
  failed_reasons  TEXT,
  stored          INTEGER NOT NULL DEFAULT 0,
  updated         INTEGER NOT NULL DEFAULT 0,
  unchanged       INTEGER NOT NULL DEFAULT 0,
  entities        INTEGER NOT NULL DEFAULT 0,
  warnings        TEXT,
  PRIMARY KEY (run_id, source_id)
);

-- Full-text search over a folded copy of each article (diacritics and đ removed), so
-- that "thanh uy" finds "Thành ủy". The folded copy (src/store/fold.ts foldForIndex: diacritics, đ and
-- punctuation folded, one character for one) is what the store indexes, but it is not kept: the table reads its columns
-- from articles (external content), whose words fall at the same token positions, so highlight()
-- and snippet() mark the original text. Never run the 'rebuild' command on it: that would index
-- the unfolded text, and "dang" would stop finding "Đảng".
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Views that put labels next to ids.
CREATE VIEW statistics_view AS
SELECT s.id, s.value, s.total, s.unit, s.text, s.period, s.period_start, s.period_end, s.place, s.context,
       a.published, a.source_id, src.name AS source_name, a.title AS article_title, a.url AS article_url, s.article_id
FROM statistics s JOIN articles a ON a.id = s.article_id LEFT JOIN sources src ON src.id = a.source_id;

CREATE VIEW official_titles_view AS
SELECT o.name, t.title, a.published, a.source_id, a.title AS article_title, a.url AS article_url,
       t.official_id, t.article_id
FROM official_titles t JOIN officials o ON o.id = t.official_id JOIN articles a ON a.id = t.article_id;

CREATE VIEW document_citations_view AS
SELECT d.code, d.kind, d.number, d.date AS issued, d.issuer, c.text, a.published, a.source_id,
       a.title AS article_title, a.url AS article_url, c.document_id, c.article_id
FROM document_citations c JOIN documents d ON d.id = c.document_id JOIN articles a ON a.id = c.article_id;

CREATE VIEW articles_view AS
SELECT a.id, a.url, a.source_id, src.name AS source_name, a.title, a.published, a.author, a.section,
       a.language, length(a.text) AS characters,
       (SELECT count(*) FROM statistics s WHERE s.article_id = a.id) AS statistics,
       (SELECT count(*) FROM official_titles t WHERE t.article_id = a.id) AS official_titles,
       (SELECT count(*) FROM document_citations c WHERE c.article_id = a.id) AS documents
FROM articles a LEFT JOIN sources src ON src.id = a.source_id;
`,
  },
  {
    version: 2,
    description: 'trusted crawls: canonical URLs as metadata, run owners and heartbeats, per-run failure records',
    sql: /* sql */ `
-- The page's own canonical claim (link rel=canonical / og:url) when it is an http(s) URL other than
-- the article's key: kept to read, never used as the key (src/fetch/identity.ts).
ALTER TABLE articles ADD COLUMN canonical_url TEXT;

-- Who runs a run: a crawl still 'running' whose process is gone (kill -9, a reboot) is shown as
-- interrupted, and a new crawl takes its place. The running crawl row is the database's crawl lock.
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
CREATE INDEX runs_running ON runs(kind, status);

-- Every failed fetch of a run, with its reason: what \`vnpress runs --failed\` lists.
CREATE TABLE run_failures (
  id             INTEGER PRIMARY KEY,
  run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  source_id      TEXT,
  url            TEXT NOT NULL,
  kind           TEXT NOT NULL,
  reason         TEXT NOT NULL,
  detail         TEXT,
  http_status    INTEGER,
  attempt        INTEGER NOT NULL,
  next_check_at  TEXT,
  failed_at      TEXT NOT NULL
);
CREATE INDEX run_failures_run ON run_failures(run_id, source_id);
`,
  },
  {
    version: 3,
    description: 'sources keep the site profile their pages were cleaned with',
    sql: /* sql */ `
-- The site profile (src/core/profile.ts, as JSON) a source's pages were last cleaned with: written
-- with the source by a crawl or an ingest, read by reextract so that it cleans with the same one.
ALTER TABLE sources ADD COLUMN profile TEXT;
`,
  },
  {
    version: 4,
    description: 'statistics: analyst fields (issue #20) and a folded sentence; indexes by indicator key',
    sql: `
-- What each number measures and how (src/core/types.ts Statistic): indicator as written and its
-- plainKey; qualifier approx/over/under/at-least/at-most; upper bound of a range; change up/down
-- and the baseline compared_to; share = value/total × 100 (or the percentage stated beside it);
-- restates = the a/b figure's text a percentage restates. NULL when the sentence does not say.
-- Rows written before this migration have NULLs until \`vnpress reextract\` rewrites them.
ALTER TABLE statistics ADD COLUMN indicator TEXT;
ALTER TABLE statistics ADD COLUMN indicator_key TEXT;
ALTER TABLE statistics ADD COLUMN qualifier TEXT;
ALTER TABLE statistics ADD COLUMN upper REAL;
ALTER TABLE statistics ADD COLUMN change TEXT;
ALTER TABLE statistics ADD COLUMN compared_to TEXT;
ALTER TABLE statistics ADD COLUMN share REAL;
ALTER TABLE statistics ADD COLUMN restates TEXT;
-- The sentence folded (plainKey: no diacritics, đ → d, lower case) so that a text filter ignores
-- diacritics: \`dang vien\` finds \`Đảng viên\`.
ALTER TABLE statistics ADD COLUMN context_folded TEXT;
-- Grouping by indicator (top-indicators, unit-trend), one indicator over time (indicator-trend, the
-- explorer), and by indicator in one place. Partial: numbers without an indicator need no entry.
CREATE INDEX statistics_indicator ON statistics(indicator_key, published, period_start, value, article_id)
  WHERE indicator_key IS NOT NULL;
CREATE INDEX statistics_indicator_place ON statistics(indicator_key, place_folded, published, period_start)
  WHERE indicator_key IS NOT NULL AND place_folded IS NOT NULL;
CREATE INDEX statistics_indicator_period ON statistics(indicator_key, period_start, period_end)
  WHERE indicator_key IS NOT NULL AND period_start IS NOT NULL;

DROP VIEW statistics_view;
CREATE VIEW statistics_view AS
SELECT s.id, s.value, s.total, s.unit, s.text, s.period, s.period_start, s.period_end, s.place, s.context,
       a.published, a.source_id, src.name AS source_name, a.title AS article_title, a.url AS article_url, s.article_id,
       s.indicator, s.indicator_key, s.qualifier, s.upper, s.change, s.compared_to, s.share, s.restates
FROM statistics s JOIN articles a ON a.id = s.article_id LEFT JOIN sources src ON src.id = a.source_id;
`,
  },
  {
    version: 5,
    description: 'search index over the original text, declared as sqlite-utils and Datasette detect it',
    sql: /* sql */ `
-- Full-text search over articles.title and articles.text as they are (external content: the
-- index keeps no copy). The tokenizer folds case, tone and vowel marks (remove_diacritics 2), so
-- "thanh uy" finds "Thành ủy"; it keeps đ, and vnpress's search writes each d a reader types as
-- d and as đ (src/store/fts-query.ts), so "dang vien" finds "Đảng viên". Because the index is
-- exactly what FTS5 builds from the articles table, 'integrity-check' passes and 'rebuild' (any
-- FTS maintenance: sqlite-utils rebuild-fts, Datasette) is safe. content="articles" in double
-- quotes is the form sqlite-utils and Datasette look for. (Version 1 indexed a folded copy that
-- 'rebuild' would have lost; this rebuilds the index of a database made by it.)
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content="articles", content_rowid="id",
  tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
`,
  },
  {
    version: 6,
    description: 'unit-trend answered from an index alone',
    sql: /* sql */ `
-- unit-trend groups one unit's numbers by time, indicator and change (src/store/queries/unit-trend.sql):
-- every column it reads is here, so it never visits the table (1M numbers, 235k of one unit: 224 ms
-- instead of 608 ms). Percentages restating an a/b figure are never counted, so they are left out.
CREATE INDEX statistics_unit_trend ON statistics(unit_folded, indicator_key, change, period_start, published, value, article_id, indicator)
  WHERE restates IS NULL;
`,
  },
];

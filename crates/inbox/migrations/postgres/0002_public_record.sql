-- The public record is the editors' (issue 19). Keep in step with the other backend's file of
-- the same name: the two are identical.
-- What the published-corrections document says of an article: its headline and URL as an
-- editor confirmed them when accepting a correction, never what a reader's page sent.
CREATE TABLE articles (
    article_id   TEXT   PRIMARY KEY,
    headline     TEXT   NOT NULL DEFAULT '',
    url          TEXT   NOT NULL DEFAULT '',
    confirmed_by BIGINT REFERENCES editors (id),
    confirmed_at BIGINT NOT NULL
);
-- Articles with a correction already accepted keep the headline and URL of the newest one the
-- editors accepted (they saw it when they did).
INSERT INTO articles (article_id, headline, url, confirmed_at)
SELECT c.article_id, c.headline, c.article_url, c.updated_at FROM corrections c
WHERE c.status = 'accepted' AND c.id = (
    SELECT MAX(d.id) FROM corrections d WHERE d.article_id = c.article_id AND d.status = 'accepted'
);
-- The searchable text, lower-cased by the server (Unicode case folding, the same on both
-- databases: SQLite's LOWER folds ASCII only). Rows stored before this migration are filled in
-- at start-up.
ALTER TABLE corrections ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- An editor removed from the command line keeps their notes' name; they cannot log in.
ALTER TABLE editors ADD COLUMN removed_at BIGINT;

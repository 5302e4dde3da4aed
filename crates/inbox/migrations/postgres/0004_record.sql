-- The public record, second part (issue 33). Keep in step with the other backend's file of the
-- same name: the two are identical.
-- What an editor published: a correction, a clarification, an update or an editor's note.
ALTER TABLE corrections ADD COLUMN published_kind TEXT NOT NULL DEFAULT 'correction';
-- When it was first published and when its public entry last changed (ms since the epoch): the
-- feeds' <published> and <updated>, the log's order, Last-Modified.
ALTER TABLE corrections ADD COLUMN first_published_at BIGINT;
ALTER TABLE corrections ADD COLUMN record_updated_at BIGINT;
-- When a published correction was withdrawn (moved out of "accepted"): the record keeps it,
-- marked as withdrawn, never silently dropped.
ALTER TABLE corrections ADD COLUMN withdrawn_at BIGINT;
UPDATE corrections SET first_published_at = updated_at, record_updated_at = updated_at
WHERE status = 'accepted' AND published_text IS NOT NULL;
CREATE INDEX corrections_record ON corrections (first_published_at, id);

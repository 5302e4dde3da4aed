-- The corrections inbox (PostgreSQL). Keep in step with ../sqlite/0001_corrections.sql: same
-- tables, columns and meaning; only the identity column and its spelling differ.
CREATE TABLE editors (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE corrections (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key TEXT    UNIQUE,
    body_hash       TEXT    NOT NULL,
    article_id      TEXT    NOT NULL,
    article_url     TEXT    NOT NULL DEFAULT '',
    headline        TEXT    NOT NULL DEFAULT '',
    quote           TEXT    NOT NULL DEFAULT '',
    correction      TEXT    NOT NULL,
    source_url      TEXT    NOT NULL DEFAULT '',
    name            TEXT    NOT NULL DEFAULT '',
    email           TEXT    NOT NULL DEFAULT '',
    locale          TEXT    NOT NULL DEFAULT '',
    submitted_at    TEXT    NOT NULL DEFAULT '',
    page_url        TEXT    NOT NULL DEFAULT '',
    received_at     BIGINT  NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_review', 'accepted', 'rejected', 'duplicate')),
    published_text  TEXT,
    published_on    TEXT,
    duplicate_of    BIGINT,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX corrections_by_article ON corrections (article_id, status);
CREATE INDEX corrections_by_received ON corrections (received_at);

CREATE TABLE notes (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    correction_id BIGINT  NOT NULL REFERENCES corrections (id),
    editor_id     BIGINT  NOT NULL REFERENCES editors (id),
    body          TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX notes_by_correction ON notes (correction_id);

CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    editor_id  BIGINT NOT NULL REFERENCES editors (id),
    csrf       TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);

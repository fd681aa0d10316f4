-- Card files kept in the database (`--files database`, for several
-- processes that share a database but no disk): the encrypted stream of
-- crypto.rs, cut in pieces of 1 MB, in order. `place` says where a file's
-- encrypted bytes are: 'directory' (files/ of the data directory) or
-- 'database' (these rows). BYTEA: PostgreSQL's bytes; SQLite stores the
-- blob as it is.
ALTER TABLE lead_files ADD COLUMN place TEXT NOT NULL DEFAULT 'directory';

CREATE TABLE file_chunks (
    file_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (file_id, seq)
);

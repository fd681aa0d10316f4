-- The inbox's schema, written once for SQLite and PostgreSQL alike: text,
-- BIGINT and nothing backend-specific. Every personal value is sealed
-- (crypto.rs) before it gets here; `search` holds keyed blind-index words.
CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL UNIQUE,
    received_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    key_id TEXT NOT NULL,
    body TEXT NOT NULL,
    notes TEXT,
    search TEXT NOT NULL
);
CREATE INDEX leads_received ON leads (received_at);

CREATE TABLE lead_files (
    id TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL,
    field TEXT NOT NULL,
    mime TEXT NOT NULL,
    size BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (lead_id, field)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);

CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    lead_id TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit (at);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_at BIGINT NOT NULL,
    claimed_until BIGINT NOT NULL DEFAULT 0,
    delivered_at BIGINT,
    last_error TEXT,
    UNIQUE (lead_id, kind)
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_at);

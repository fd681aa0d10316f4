-- A password an admin set for a user (a one-time value): the user must
-- choose their own at the next sign-in before anything else (1), or not (0).
ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;

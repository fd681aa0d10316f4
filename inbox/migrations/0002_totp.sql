-- An optional TOTP second factor per user (the secret sealed with the inbox key).
ALTER TABLE users ADD COLUMN totp_secret TEXT;

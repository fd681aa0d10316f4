-- The list's order, newest first by (received_at, id): pages of the list
-- and of the export start at a lead's position (keyset paging), read off
-- this index in either direction. It also serves the retention purge
-- (received_at alone), so the older index goes.
CREATE INDEX leads_received_id ON leads (received_at, id);
DROP INDEX leads_received;

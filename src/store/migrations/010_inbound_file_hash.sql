-- Issue 14: received files expire; the audit keeps their hash (and name and sender) and when they went.
alter table inbound_messages add column if not exists file_sha256 text;
alter table inbound_messages add column if not exists file_expired_at timestamptz;

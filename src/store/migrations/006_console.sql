-- The web console (issue 8): login links the bot sends on request (single use) and the
-- sessions they open. Only a SHA-256 of each token is stored; the token itself is never kept.
create table console_tokens (
  token_hash   text primary key,             -- hex SHA-256 of the random token
  kind         text not null,                -- 'link' | 'session'
  person_id    text not null,                -- contact id the token was issued to
  created_at   timestamptz not null,
  expires_at   timestamptz not null,
  used_at      timestamptz,                  -- a link is spent when it opens a session
  from_message text                          -- the 控制台 message that asked for a link
);
create index console_tokens_person on console_tokens (person_id, kind);
create index console_tokens_expires on console_tokens (expires_at);

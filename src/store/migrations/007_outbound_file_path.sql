-- Where an outgoing file lives, so that a message re-enqueued after a crash keeps its attachment.
alter table outbound_messages add column file_path text;

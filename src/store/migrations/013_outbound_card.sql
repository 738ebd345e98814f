-- A message's 签收 card (issue 17), so that a message re-enqueued after a crash keeps its button.
alter table outbound_messages add column card jsonb;

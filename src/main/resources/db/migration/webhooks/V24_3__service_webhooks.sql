-- Service-wide webhooks: endpoints an operator registers (group_id null) receive the events of every
-- group. Deliveries stay ordered per group: an endpoint's head is now its oldest row per group, so a
-- service-wide endpoint receives many groups in parallel, each in order (for a group's own endpoint
-- nothing changes: all its rows are of one group).
alter table webhook alter column group_id drop not null;
create index webhook_service_wide on webhook (created_at, id) where group_id is null;
drop index webhook_outbox_head;
create index webhook_outbox_head on webhook_outbox (webhook_id, group_id, position);

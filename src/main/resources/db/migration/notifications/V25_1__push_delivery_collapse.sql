-- A busy group collapses into one waiting notification per device: while a delivery has not been
-- tried yet, a newer message of the same group takes its place (its seq and badge) instead of
-- queuing a second push that the phone would only replace under the same collapse key. A delivery
-- that was tried (in backoff after a provider error) or failed stays as it is.
delete from push_delivery d
 using push_delivery newer
 where d.status = 'QUEUED' and d.attempts = 0
   and newer.status = 'QUEUED' and newer.attempts = 0
   and newer.group_id = d.group_id and newer.user_id = d.user_id and newer.device_id = d.device_id
   and (newer.seq, newer.id) > (d.seq, d.id);
create unique index push_delivery_pending on push_delivery (group_id, user_id, device_id)
    where status = 'QUEUED' and attempts = 0;

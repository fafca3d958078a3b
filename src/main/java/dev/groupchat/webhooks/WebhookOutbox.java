package dev.groupchat.webhooks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox of deliveries, one row per (event, endpoint). Message inserts write their
 * rows themselves (see the messaging module's {@code MessageStore}); everything else
 * comes through {@link #record}.
 */
@Repository
class WebhookOutbox {

	/** A delivery claimed by this worker, with where it goes and how to sign it. */
	record Claimed(UUID id, UUID webhookId, UUID groupId, String type, @Nullable Long seq, @Nullable String data,
			Instant createdAt, int attempts, String url, String secret) {
	}

	private final JdbcClient jdbc;

	WebhookOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One row for each of the group's endpoints, and each service-wide one, subscribed to
	 * {@code type}, in the caller's transaction.
	 */
	void record(UUID groupId, String type, @Nullable Long seq, @Nullable String data, Instant now) {
		jdbc.sql("""
				insert into webhook_outbox (id, webhook_id, group_id, type, seq, data, created_at, next_attempt_at)
				select gen_random_uuid(), w.id, :groupId, :type, :seq, :data::json, :now, :now
				  from webhook w where (w.group_id = :groupId or w.group_id is null) and :type = any(w.events)""")
			.param("groupId", groupId)
			.param("type", type)
			.param("seq", seq)
			.param("data", data)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Claims due deliveries, at most one per endpoint and group: only the oldest row of
	 * an endpoint for a group may be due, so a delivery waits until the one before it to
	 * the same endpoint about the same group is done or given up (a group's endpoint gets
	 * its events in order; a service-wide one each group's in order, groups in parallel).
	 * A claimed row is leased ({@code next_attempt_at} moves {@code lease} ahead), so no
	 * other worker takes it while its request runs; nothing stays locked during the
	 * request. The heads are found by a loose index scan (one index probe per endpoint
	 * and group with rows waiting), not by reading the whole backlog.
	 */
	List<Claimed> claim(int max, Duration lease) {
		return jdbc
			.sql("""
					with recursive heads as (
					    (select webhook_id, group_id, position from webhook_outbox
					      order by webhook_id, group_id, position limit 1)
					    union all
					    select n.webhook_id, n.group_id, n.position from heads h cross join lateral (
					        select o.webhook_id, o.group_id, o.position from webhook_outbox o
					         where (o.webhook_id, o.group_id) > (h.webhook_id, h.group_id)
					         order by o.webhook_id, o.group_id, o.position limit 1) n
					), due as (
					    select o.id from webhook_outbox o join heads h on h.webhook_id = o.webhook_id and h.position = o.position
					     where o.next_attempt_at <= now()
					     order by o.next_attempt_at limit :max
					       for update of o skip locked
					)
					update webhook_outbox o
					   set attempts = o.attempts + 1, next_attempt_at = now() + :leaseMs * interval '1 millisecond'
					  from due, webhook w
					 where o.id = due.id and w.id = o.webhook_id
					returning o.id, o.webhook_id, o.group_id, o.type, o.seq, o.data::text as data, o.created_at, o.attempts,
					          w.url, w.secret""")
			.param("max", max)
			.param("leaseMs", lease.toMillis())
			.query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
					rs.getObject("group_id", UUID.class), rs.getString("type"), rs.getObject("seq", Long.class),
					rs.getString("data"), rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts"),
					rs.getString("url"), rs.getString("secret")))
			.list();
	}

	/**
	 * The message.created rows the send just wrote get their event JSON, in the send's
	 * transaction.
	 */
	void fill(List<UUID> groupIds, List<Long> seqs, List<String> data) {
		jdbc.sql("""
				update webhook_outbox o set data = v.data::json
				  from unnest(:groupIds, :seqs, :data) as v(group_id, seq, data)
				 where o.group_id = v.group_id and o.seq = v.seq and o.type = 'message.created' and o.data is null""")
			.param("groupIds", groupIds.toArray(UUID[]::new))
			.param("seqs", seqs.toArray(Long[]::new))
			.param("data", data.toArray(String[]::new))
			.update();
	}

	/**
	 * Keeps the event JSON of a message.created row once built, so that every retry sends
	 * the same body.
	 */
	void freeze(UUID id, String data) {
		jdbc.sql("update webhook_outbox set data = :data::json where id = :id and data is null")
			.param("data", data)
			.param("id", id)
			.update();
	}

	/** Delivered or given up: the row goes, and the endpoint's next one is due. */
	void remove(UUID id) {
		jdbc.sql("delete from webhook_outbox where id = :id").param("id", id).update();
	}

	void retryIn(UUID id, Duration delay, @Nullable String error) {
		jdbc.sql("""
				update webhook_outbox set next_attempt_at = now() + :delayMs * interval '1 millisecond',
				       last_error = :error where id = :id""")
			.param("delayMs", delay.toMillis())
			.param("error", error)
			.param("id", id)
			.update();
	}

	/**
	 * Rows of endpoints deleted while a message insert wrote them (there is no foreign
	 * key on purpose).
	 */
	int removeOrphans() {
		return jdbc.sql("""
				delete from webhook_outbox o where not exists (select 1 from webhook w where w.id = o.webhook_id)""")
			.update();
	}

}

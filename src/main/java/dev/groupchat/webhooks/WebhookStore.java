package dev.groupchat.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registered endpoints, in plain SQL. */
@Repository
class WebhookStore {

	private final JdbcClient jdbc;

	WebhookStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serializes registrations per group for the rest of the transaction, so the limit
	 * holds.
	 */
	int lockAndCount(UUID groupId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('webhook:' || :groupId, 0))")
			.param("groupId", groupId.toString())
			.query((rs, row) -> 1)
			.list();
		return jdbc.sql("select count(*) from webhook where group_id = :groupId")
			.param("groupId", groupId)
			.query(Integer.class)
			.single();
	}

	void insert(UUID id, UUID groupId, String url, List<String> events, String secret, String by, Instant now) {
		jdbc.sql("""
				insert into webhook (id, group_id, url, events, secret, created_by, created_at)
				values (:id, :groupId, :url, :events, :secret, :by, :now)""")
			.param("id", id)
			.param("groupId", groupId)
			.param("url", url)
			.param("events", events.toArray(String[]::new))
			.param("secret", secret)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	List<WebhookView> list(UUID groupId) {
		return jdbc
			.sql("select id, url, events, created_at from webhook where group_id = :groupId order by created_at, id")
			.param("groupId", groupId)
			.query(this::view)
			.list();
	}

	/**
	 * Deletes the endpoint and what was still queued for it; answers whether it existed.
	 */
	boolean delete(UUID groupId, UUID id) {
		int deleted = jdbc.sql("delete from webhook where group_id = :groupId and id = :id")
			.param("groupId", groupId)
			.param("id", id)
			.update();
		jdbc.sql("delete from webhook_outbox where webhook_id = :id").param("id", id).update();
		return deleted == 1;
	}

	private WebhookView view(ResultSet rs, int row) throws SQLException {
		return new WebhookView(rs.getObject("id", UUID.class), rs.getString("url"),
				Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getTimestamp("created_at").toInstant());
	}

}

package dev.groupchat.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
	 * Serializes registrations per group (or of service-wide endpoints: {@code groupId}
	 * null) for the rest of the transaction, so the limit holds.
	 */
	int lockAndCount(@Nullable UUID groupId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('webhook:' || :key, 0))")
			.param("key", groupId == null ? "service" : groupId.toString())
			.query((rs, row) -> 1)
			.list();
		return jdbc.sql("select count(*) from webhook where " + owner(groupId))
			.param("groupId", groupId)
			.query(Integer.class)
			.single();
	}

	/** Whose endpoints: a group's, or the service-wide ones. */
	private static String owner(@Nullable UUID groupId) {
		return groupId == null ? "group_id is null" : "group_id = :groupId";
	}

	void insert(UUID id, @Nullable UUID groupId, String url, List<String> events, String secret, String by,
			Instant now) {
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

	List<WebhookView> list(@Nullable UUID groupId) {
		return jdbc
			.sql("select id, url, events, created_at from webhook where " + owner(groupId) + " order by created_at, id")
			.param("groupId", groupId)
			.query(this::view)
			.list();
	}

	/**
	 * Deletes the endpoint and what was still queued for it; answers whether it existed.
	 */
	boolean delete(@Nullable UUID groupId, UUID id) {
		int deleted = jdbc.sql("delete from webhook where " + owner(groupId) + " and id = :id")
			.param("groupId", groupId)
			.param("id", id)
			.update();
		if (deleted == 1) {
			jdbc.sql("delete from webhook_outbox where webhook_id = :id").param("id", id).update();
		}
		return deleted == 1;
	}

	private WebhookView view(ResultSet rs, int row) throws SQLException {
		return new WebhookView(rs.getObject("id", UUID.class), rs.getString("url"),
				Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getTimestamp("created_at").toInstant());
	}

}

package dev.groupchat.messaging;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own messages and reactions, for their data export, in pages by keyset: each
 * page is one short read, so a download that takes half an hour holds a database
 * connection only for the moments it reads. Pass the last row of a page to get the next
 * one (null for the first).
 */
@Service
public class MessageExport {

	private final JdbcClient jdbc;

	private final MessageStore store;

	MessageExport(JdbcClient jdbc, MessageStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/**
	 * Messages stored with the user as sender (recalled ones as tombstones), oldest
	 * first, after {@code after}.
	 */
	@Transactional(readOnly = true)
	public List<MessageView> messagesOf(String senderId, MessageView after, int limit) {
		String sql = "select " + MessageStore.COLUMNS + " from message where sender_id = :senderId"
				+ (after == null ? "" : " and (created_at, group_id, seq) > (:createdAt, :groupId, :seq)")
				+ " order by created_at, group_id, seq limit :limit";
		JdbcClient.StatementSpec statement = jdbc.sql(sql).param("senderId", senderId).param("limit", limit);
		if (after != null) {
			statement = statement.param("createdAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
				.param("groupId", after.groupId())
				.param("seq", after.seq());
		}
		return statement.query(store.rowMapper()).list();
	}

	/** Reactions the user gave, oldest first, after {@code after}. */
	@Transactional(readOnly = true)
	public List<OwnReaction> reactionsOf(String userId, OwnReaction after, int limit) {
		String sql = "select group_id, seq, emoji, created_at from message_reaction where user_id = :userId"
				+ (after == null ? ""
						: " and (created_at, group_id, seq, emoji) > (:createdAt, :groupId, :seq, :emoji)")
				+ " order by created_at, group_id, seq, emoji limit :limit";
		JdbcClient.StatementSpec statement = jdbc.sql(sql).param("userId", userId).param("limit", limit);
		if (after != null) {
			statement = statement.param("createdAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
				.param("groupId", after.groupId())
				.param("seq", after.seq())
				.param("emoji", after.emoji());
		}
		return statement
			.query((rs, row) -> new OwnReaction(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
					rs.getObject(4, Timestamp.class).toInstant()))
			.list();
	}

}

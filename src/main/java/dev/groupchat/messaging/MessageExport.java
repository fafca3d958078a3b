package dev.groupchat.messaging;

import java.sql.Timestamp;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own messages and reactions, for their data export. Rows are streamed from a database
 * cursor ({@link #FETCH_SIZE} at a time) to the consumer, so a user with a hundred thousand messages
 * costs no more memory than one with ten. The cursor needs a transaction: callers either have one or
 * get one per call.
 */
@Service
public class MessageExport {

	static final int FETCH_SIZE = 500;

	private final JdbcClient jdbc;

	private final MessageStore store;

	MessageExport(JdbcClient jdbc, MessageStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/** Every message stored with the user as sender (recalled ones as tombstones), oldest first. */
	@Transactional(readOnly = true)
	public void forEachMessageOf(String senderId, Consumer<MessageView> consumer) {
		try (Stream<MessageView> rows = jdbc.sql("select " + MessageStore.COLUMNS
				+ " from message where sender_id = :senderId order by created_at, group_id, seq")
			.param("senderId", senderId)
			.withFetchSize(FETCH_SIZE)
			.query(store.rowMapper())
			.stream()) {
			rows.forEach(consumer);
		}
	}

	/** Every reaction the user gave, oldest first. */
	@Transactional(readOnly = true)
	public void forEachReactionOf(String userId, Consumer<OwnReaction> consumer) {
		try (Stream<OwnReaction> rows = jdbc.sql("""
				select group_id, seq, emoji, created_at from message_reaction where user_id = :userId
				 order by created_at, group_id, seq, emoji""")
			.param("userId", userId)
			.withFetchSize(FETCH_SIZE)
			.query((rs, row) -> new OwnReaction(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
					rs.getObject(4, Timestamp.class).toInstant()))
			.stream()) {
			rows.forEach(consumer);
		}
	}

}

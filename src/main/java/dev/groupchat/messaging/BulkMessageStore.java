package dev.groupchat.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Statements that change many messages at once (account deletion, retention), each
 * bounded by a batch size so that no transaction holds many row locks for long. A
 * tombstone is what a recall leaves: the envelope and its seq stay, text, media, mentions
 * and reactions go.
 */
@Repository
class BulkMessageStore {

	/**
	 * One statement, one snapshot: the batch is chosen and locked once, its reactions and
	 * content go.
	 */
	private static final String TOMBSTONE = """
			with batch as (%s),
			gone as (delete from message_reaction where (group_id, seq) in (select group_id, seq from batch))
			update message set text = null, video_id = null, video_cover_url = null, media_url = null, system = null,
			       poll = null, mentions = '{}', reactions = '{}', shadow_reactions = '{}', deleted_at = :now
			 where (group_id, seq) in (select group_id, seq from batch)
			returning""" + MessageStore.COLUMNS;

	private final JdbcClient jdbc;

	private final MessageStore store;

	BulkMessageStore(JdbcClient jdbc, MessageStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/**
	 * Turns up to {@code limit} live messages of the sender created at or after
	 * {@code from} into tombstones, oldest first; waits for rows others hold.
	 */
	List<MessageView> recallOfSender(String senderId, Instant from, int limit, Instant now) {
		return jdbc.sql(TOMBSTONE.formatted("""
				select group_id, seq from message
				 where sender_id = :senderId and created_at >= :from and deleted_at is null
				 order by created_at limit :limit for update"""))
			.param("senderId", senderId)
			.param("from", Timestamp.from(from))
			.param("limit", limit)
			.param("now", Timestamp.from(now))
			.query(store.rowMapper())
			.list();
	}

	/**
	 * Turns up to {@code limit} live messages of the group created before {@code cutoff}
	 * into tombstones; rows locked by others (a recall, a reaction) are skipped until the
	 * next pass.
	 */
	List<MessageView> expire(UUID groupId, Instant cutoff, int limit, Instant now) {
		return jdbc.sql(TOMBSTONE.formatted("""
				select group_id, seq from message where group_id = :groupId and deleted_at is null
				   and created_at < :cutoff
				 order by created_at limit :limit for update skip locked"""))
			.param("groupId", groupId)
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.param("now", Timestamp.from(now))
			.query(store.rowMapper())
			.list();
	}

	/** A reaction taken back, and whether it was a shadow one. */
	record Withdrawn(OwnReaction reaction, boolean shadow) {
	}

	/** Deletes up to {@code limit} reactions the user gave; answers which. */
	List<Withdrawn> deleteReactionsOf(String userId, int limit) {
		return jdbc.sql("""
				delete from message_reaction where (group_id, seq, emoji, user_id) in (
				    select group_id, seq, emoji, user_id from message_reaction where user_id = :userId
				     limit :limit for update)
				returning group_id, seq, emoji, created_at, shadow""")
			.param("userId", userId)
			.param("limit", limit)
			.query((rs,
					row) -> new Withdrawn(new OwnReaction(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
							rs.getTimestamp(4).toInstant()), rs.getBoolean(5)))
			.list();
	}

	/**
	 * Recounts the reactions of the given messages; answers them with their counts now.
	 */
	List<MessageView> recountReactions(Collection<UUID> groupIds, Collection<Long> seqs) {
		return jdbc.sql("""
				update message m set reactions = (
				    select coalesce(jsonb_object_agg(emoji, n), '{}') from (
				        select emoji, count(*) as n from message_reaction r
				         where r.group_id = m.group_id and r.seq = m.seq and not r.shadow group by emoji) c),
				                     shadow_reactions = (
				    select coalesce(jsonb_object_agg(emoji, n), '{}') from (
				        select emoji, count(*) as n from message_reaction r
				         where r.group_id = m.group_id and r.seq = m.seq and r.shadow group by emoji) c)
				 where (group_id, seq) in (select * from unnest(:groupIds, :seqs))
				returning""" + MessageStore.COLUMNS)
			.param("groupIds", groupIds.toArray(UUID[]::new))
			.param("seqs", seqs.toArray(Long[]::new))
			.query(store.rowMapper())
			.list();
	}

}

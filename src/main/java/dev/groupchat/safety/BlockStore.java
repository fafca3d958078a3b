package dev.groupchat.safety;

import dev.groupchat.shared.Keyset;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user_block table. */
@Repository
class BlockStore {

	private final JdbcClient jdbc;

	BlockStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Serializes the block changes of one user until commit, so the limit holds. */
	void lockBlocker(String blockerId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('user_block:' || :blockerId, 0))")
			.param("blockerId", blockerId)
			.query((rs, row) -> 1)
			.list();
	}

	int count(String blockerId) {
		return jdbc.sql("select count(*) from user_block where blocker_id = :blockerId")
			.param("blockerId", blockerId)
			.query(Integer.class)
			.single();
	}

	boolean exists(String blockerId, String blockedId) {
		return jdbc
			.sql("select exists (select 1 from user_block where blocker_id = :blockerId and blocked_id = :blockedId)")
			.param("blockerId", blockerId)
			.param("blockedId", blockedId)
			.query(Boolean.class)
			.single();
	}

	/** Answers whether the block is new. */
	boolean insert(String blockerId, String blockedId, Instant now) {
		return jdbc.sql("""
				insert into user_block (blocker_id, blocked_id, blocked_at) values (:blockerId, :blockedId, :now)
				on conflict do nothing""")
			.param("blockerId", blockerId)
			.param("blockedId", blockedId)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Answers whether there was a block to lift. */
	boolean delete(String blockerId, String blockedId) {
		return jdbc.sql("delete from user_block where blocker_id = :blockerId and blocked_id = :blockedId")
			.param("blockerId", blockerId)
			.param("blockedId", blockedId)
			.update() == 1;
	}

	Set<String> blockedBy(String blockerId) {
		return Set.copyOf(jdbc.sql("select blocked_id from user_block where blocker_id = :blockerId")
			.param("blockerId", blockerId)
			.query(String.class)
			.list());
	}

	/** Which of {@code userIds} blocked {@code blockedId}. */
	Set<String> blockersAmong(String blockedId, List<String> userIds) {
		return Set.copyOf(jdbc.sql("""
				select blocker_id from user_block where blocker_id = any(:userIds) and blocked_id = :blockedId""")
			.param("userIds", userIds.toArray(String[]::new))
			.param("blockedId", blockedId)
			.query(String.class)
			.list());
	}

	/** Blocks after the position, oldest first. */
	List<BlockView> page(String blockerId, Keyset.@Nullable TimeAndKey after, int limit) {
		return jdbc.sql("""
				select blocked_id, blocked_at from user_block
				 where blocker_id = :blockerId and (blocked_at, blocked_id) > (:at, :key)
				 order by blocked_at, blocked_id limit :limit""")
			.param("blockerId", blockerId)
			.param("at", Timestamp.from(after == null ? Instant.EPOCH : after.at()))
			.param("key", after == null ? "" : after.key())
			.param("limit", limit)
			.query((rs, row) -> new BlockView(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

	/** Forgets every block the user made. */
	int deleteAllBy(String userId) {
		return jdbc.sql("delete from user_block where blocker_id = :userId").param("userId", userId).update();
	}

}

package dev.groupchat.messaging;

import dev.groupchat.groups.LatestMessages;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The message table, in plain SQL: messages are flat rows on the hottest path of the
 * product, and each operation here is one statement on the (group_id, seq) key.
 */
@Repository
class MessageStore {

	/**
	 * What every message query selects first, in this order: {@link #map} reads by
	 * position.
	 */
	static final String COLUMNS = " "
			+ """
					id, group_id, seq, sender_id, client_msg_id, type, text, video_id, video_cover_url, media_url,
					reply_to_seq, mentions, reactions::text as reactions, created_at, edited_at, deleted_at, system::text as system,
					shadow, poll::text as poll, shadow_reactions::text as shadow_reactions""";

	/** Most different emoji one message carries. */
	static final int MAX_DISTINCT_REACTIONS = 20;

	private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<MessageView> mapper = this::map;

	/**
	 * Whether sends leave a notification outbox row (the notifications module consumes
	 * them).
	 */
	private final boolean outbox;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MessageStore(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock,
			@Value("${groupchat.push.gateway-url:}") String pushGateway,
			@Value("${groupchat.push.fcm.credentials:}") String fcmCredentials) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.json = json;
		this.outbox = !pushGateway.isBlank() || !fcmCredentials.isBlank();
	}

	/** A message accepted for storage, with its seq. */
	record NewMessage(UUID id, UUID groupId, long seq, String senderId, PostMessage message,
			@Nullable SystemEvent system) {
	}

	/** The identity of a send for idempotency. */
	record SendKey(UUID groupId, String senderId, String clientMsgId) {
	}

	/**
	 * Inserts all rows in one statement and answers them as stored, keyed by (group,
	 * seq). Messages that left webhook outbox rows are announced in the same transaction
	 * ({@link MessagesAwaitingWebhooks}), so their event JSON is kept with the rows
	 * before commit.
	 */
	List<MessageView> insertAll(List<NewMessage> rows, Instant now) {
		if (rows.isEmpty()) {
			return List.of();
		}
		// the same statement writes one notification outbox row per non-SYSTEM message
		// (when push is
		// on): it commits or rolls back with the messages, and a send writes nothing per
		// recipient;
		// and one webhook outbox row per message and endpoint of its group (or of the
		// whole
		// service) subscribed to
		// message.created
		// (the webhooks module's table; at most a few per group, none in most)
		Set<UUID> hooked = new HashSet<>();
		RowMapper<MessageView> marking = (rs, row) -> {
			MessageView view = map(rs, row);
			if (rs.getBoolean("webhooked")) {
				hooked.add(view.id());
			}
			return view;
		};
		List<MessageView> stored = jdbc
			.sql("""
					with inserted as (
					insert into message (id, group_id, seq, sender_id, client_msg_id, type, text, video_id,
					                     video_cover_url, media_url, reply_to_seq, mentions, created_at, system, shadow, poll)
					select r.id, r.group_id, r.seq, r.sender_id, r.client_msg_id, r.type, r.text, r.video_id,
					       r.cover_url, r.media_url, r.reply_to_seq,
					       coalesce((select array_agg(x) from jsonb_array_elements_text(r.mentions::jsonb) x), '{}'),
					       :now, r.system::jsonb,
					       r.type <> 'SYSTEM' and coalesce((select gm.shadow_muted from group_member gm
					                                         where gm.group_id = r.group_id and gm.user_id = r.sender_id), false),
					       r.poll::jsonb
					  from unnest(:ids, :groupIds, :seqs, :senderIds, :clientMsgIds, :types, :texts, :videoIds,
					              :coverUrls, :mediaUrls, :replyTos, :mentions, :systems, :polls)
					       as r(id, group_id, seq, sender_id, client_msg_id, type, text, video_id, cover_url, media_url,
					            reply_to_seq, mentions, system, poll)
					returning"""
					+ COLUMNS
					+ """
							), outbox as (
							insert into notification_outbox (group_id, seq, created_at)
							select group_id, seq, created_at from inserted where :outbox and type <> 'SYSTEM'
							), webhooks as (
							insert into webhook_outbox (id, webhook_id, group_id, type, seq, created_at, next_attempt_at)
							select gen_random_uuid(), w.id, i.group_id, 'message.created', i.seq, i.created_at, i.created_at
							  from inserted i join webhook w on (w.group_id = i.group_id or w.group_id is null)
							                                 and 'message.created' = any(w.events)
							 order by i.group_id, i.seq, w.id
							returning group_id, seq)
							select inserted.*, exists (select 1 from webhooks h where h.group_id = inserted.group_id
							                                                   and h.seq = inserted.seq) as webhooked
							  from inserted""")
			.param("ids", rows.stream().map(NewMessage::id).toArray(UUID[]::new))
			.param("groupIds", rows.stream().map(NewMessage::groupId).toArray(UUID[]::new))
			.param("seqs", rows.stream().map(NewMessage::seq).toArray(Long[]::new))
			.param("senderIds", rows.stream().map(NewMessage::senderId).toArray(String[]::new))
			.param("clientMsgIds", rows.stream().map(r -> r.message().clientMsgId()).toArray(String[]::new))
			.param("types", rows.stream().map(r -> r.message().type().name()).toArray(String[]::new))
			.param("texts", rows.stream().map(r -> r.message().text()).toArray(String[]::new))
			.param("videoIds",
					rows.stream()
						.map(r -> r.message().video() == null ? null : r.message().video().videoId())
						.toArray(String[]::new))
			.param("coverUrls",
					rows.stream()
						.map(r -> r.message().video() == null ? null : r.message().video().coverUrl())
						.toArray(String[]::new))
			.param("mediaUrls", rows.stream().map(r -> r.message().mediaUrl()).toArray(String[]::new))
			.param("replyTos", rows.stream().map(r -> r.message().replyToSeq()).toArray(Long[]::new))
			.param("mentions",
					rows.stream().map(r -> json.writeValueAsString(r.message().mentions())).toArray(String[]::new))
			.param("systems",
					rows.stream()
						.map(r -> r.system() == null ? null : json.writeValueAsString(r.system()))
						.toArray(String[]::new))
			.param("polls",
					rows.stream()
						.map(r -> r.message().poll() == null ? null
								: json.writeValueAsString(StoredPoll.of(r.message().poll())))
						.toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.param("outbox", outbox)
			.query(marking)
			.list();
		List<MessageView> webhooked = stored.stream().filter(m -> hooked.contains(m.id())).toList();
		if (!webhooked.isEmpty()) {
			events.publishEvent(new MessagesAwaitingWebhooks(webhooked));
		}
		return stored;
	}

	/** Which of the given sends are already stored. */
	Set<SendKey> existing(Collection<SendKey> keys) {
		return new HashSet<>(jdbc.sql("""
				select m.group_id, m.sender_id, m.client_msg_id from message m
				  join unnest(:groupIds, :senderIds, :clientMsgIds) as k(group_id, sender_id, client_msg_id)
				 using (group_id, sender_id, client_msg_id)""")
			.param("groupIds", keys.stream().map(SendKey::groupId).toArray(UUID[]::new))
			.param("senderIds", keys.stream().map(SendKey::senderId).toArray(String[]::new))
			.param("clientMsgIds", keys.stream().map(SendKey::clientMsgId).toArray(String[]::new))
			.query((rs, row) -> new SendKey(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.list());
	}

	Optional<MessageView> findByClientMsgId(UUID groupId, String senderId, String clientMsgId) {
		return jdbc.sql("select " + COLUMNS
				+ " from message where group_id = :groupId and sender_id = :senderId and client_msg_id = :clientMsgId")
			.param("groupId", groupId)
			.param("senderId", senderId)
			.param("clientMsgId", clientMsgId)
			.query(mapper)
			.optional();
	}

	Optional<MessageView> find(UUID groupId, long seq) {
		return jdbc.sql("select " + COLUMNS + " from message where group_id = :groupId and seq = :seq")
			.param("groupId", groupId)
			.param("seq", seq)
			.query(mapper)
			.optional();
	}

	/**
	 * Messages with {@code after < seq < before}, ascending; the newest ones when only a
	 * bound above is given.
	 */
	List<MessageView> page(UUID groupId, long after, long before, int limit, boolean newest) {
		List<MessageView> rows = jdbc
			.sql("select " + COLUMNS + " from message"
					+ " where group_id = :groupId and seq > :after and seq < :before order by seq "
					+ (newest ? "desc" : "asc") + " limit :limit")
			.param("groupId", groupId)
			.param("after", after)
			.param("before", before)
			.param("limit", limit)
			.query(mapper)
			.list();
		return newest ? rows.reversed() : rows;
	}

	/** The messages at the given (group, seq) pairs. */
	List<MessageView> findAll(Collection<UUID> groupIds, Collection<Long> seqs) {
		return jdbc
			.sql("select " + COLUMNS + " from message m"
					+ " join unnest(:groupIds, :seqs) as k(group_id, seq) using (group_id, seq)")
			.param("groupIds", groupIds.toArray(UUID[]::new))
			.param("seqs", seqs.toArray(Long[]::new))
			.query(mapper)
			.list();
	}

	/**
	 * Per group, the shadow messages of others than the viewer after the given seq
	 * ({@link LatestMessages.Position#readSeq}); groups without any are absent.
	 */
	Map<UUID, Long> shadowCountsAfter(String viewerId, Collection<LatestMessages.Position> groups) {
		Map<UUID, Long> counts = new HashMap<>();
		jdbc.sql("""
				select k.group_id, count(*) from unnest(:groupIds, :afterSeqs) as k(group_id, after_seq)
				  join message m on m.group_id = k.group_id and m.seq > k.after_seq and m.shadow
				 where m.sender_id <> :viewerId
				 group by k.group_id""")
			.param("groupIds", groups.stream().map(LatestMessages.Position::groupId).toArray(UUID[]::new))
			.param("afterSeqs", groups.stream().map(LatestMessages.Position::readSeq).toArray(Long[]::new))
			.param("viewerId", viewerId)
			.query(rs -> {
				counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		return counts;
	}

	Optional<MessageView> edit(UUID groupId, long seq, String text, Instant now) {
		return jdbc
			.sql("update message set text = :text, edited_at = :now"
					+ " where group_id = :groupId and seq = :seq and deleted_at is null returning " + COLUMNS)
			.param("text", text)
			.param("now", Timestamp.from(now))
			.param("groupId", groupId)
			.param("seq", seq)
			.query(mapper)
			.optional();
	}

	/**
	 * Erases text, media, mentions and reactions; the row stays as a tombstone so seq has
	 * no hole.
	 */
	Optional<MessageView> recall(UUID groupId, long seq, Instant now) {
		jdbc.sql("delete from message_reaction where group_id = :groupId and seq = :seq")
			.param("groupId", groupId)
			.param("seq", seq)
			.update();
		jdbc.sql("delete from poll_vote where group_id = :groupId and seq = :seq")
			.param("groupId", groupId)
			.param("seq", seq)
			.update();
		return jdbc
			.sql("""
					update message set text = null, video_id = null, video_cover_url = null, media_url = null, system = null,
					       poll = null,
					       mentions = '{}', reactions = '{}', shadow_reactions = '{}', deleted_at = coalesce(deleted_at, :now)
					 where group_id = :groupId and seq = :seq returning """
					+ COLUMNS)
			.param("now", Timestamp.from(now))
			.param("groupId", groupId)
			.param("seq", seq)
			.query(mapper)
			.optional();
	}

	/**
	 * Adds or removes one user's reaction and answers the message's counts afterwards.
	 * The message row is locked first, so concurrent reactions cannot take a message past
	 * its limit of different emoji. A {@code shadow} reaction (a shadow-muted reactor) is
	 * counted apart: the public counts leave it out. One statement recounts both and
	 * answers which of the reactor's own reactions to the message are shadow ones and who
	 * gave a shadow reaction with this emoji.
	 */
	ReactionCounts react(UUID groupId, long seq, String userId, String emoji, boolean add, boolean shadow,
			Instant now) {
		if (add) {
			requireRoomFor(groupId, seq, emoji);
		}
		String change = add
				? "insert into message_reaction (group_id, seq, user_id, emoji, created_at, shadow)"
						+ " values (:groupId, :seq, :userId, :emoji, :now, :shadow) on conflict do nothing"
				: "delete from message_reaction where group_id = :groupId and seq = :seq and user_id = :userId"
						+ " and emoji = :emoji";
		jdbc.sql(change)
			.param("groupId", groupId)
			.param("seq", seq)
			.param("userId", userId)
			.param("emoji", emoji)
			.param("now", Timestamp.from(now))
			.param("shadow", shadow)
			.update();
		return jdbc
			.sql("""
					update message set reactions = (
					    select coalesce(jsonb_object_agg(emoji, n), '{}') from (
					        select emoji, count(*) as n from message_reaction
					         where group_id = :groupId and seq = :seq and not shadow group by emoji) c),
					                   shadow_reactions = (
					    select coalesce(jsonb_object_agg(emoji, n), '{}') from (
					        select emoji, count(*) as n from message_reaction
					         where group_id = :groupId and seq = :seq and shadow group by emoji) c)
					 where group_id = :groupId and seq = :seq
					returning reactions::text, shadow_reactions::text,
					          (select coalesce(array_agg(emoji), '{}') from message_reaction
					            where group_id = :groupId and seq = :seq and user_id = :userId and shadow) as own_shadow,
					          (select coalesce(array_agg(user_id), '{}') from message_reaction
					            where group_id = :groupId and seq = :seq and emoji = :emoji and shadow) as shadow_reactors""")
			.param("groupId", groupId)
			.param("seq", seq)
			.param("userId", userId)
			.param("emoji", emoji)
			.query((rs, row) -> new ReactionCounts(counts(rs.getString(1)), counts(rs.getString(2)),
					strings(rs.getArray(3)), strings(rs.getArray(4))))
			.single();
	}

	/**
	 * The reader's own shadow reactions to these messages of one group, by seq: asked
	 * only for a page that holds shadow reactions.
	 */
	Map<Long, List<String>> ownShadowReactions(UUID groupId, Collection<Long> seqs, String userId) {
		Map<Long, List<String>> own = new HashMap<>();
		jdbc.sql("select seq, emoji from message_reaction where group_id = :groupId and seq = any(:seqs)"
				+ " and user_id = :userId and shadow")
			.param("groupId", groupId)
			.param("seqs", seqs.toArray(Long[]::new))
			.param("userId", userId)
			.query((rs, row) -> own.computeIfAbsent(rs.getLong(1), seq -> new ArrayList<>()).add(rs.getString(2)))
			.list();
		return own;
	}

	private void requireRoomFor(UUID groupId, long seq, String emoji) {
		boolean room = jdbc.sql("""
				select exists (select 1 from message_reaction r where r.group_id = m.group_id and r.seq = m.seq
				                                                 and r.emoji = :emoji)
				    or (select count(distinct emoji) from message_reaction r
				         where r.group_id = m.group_id and r.seq = m.seq) < :limit
				  from message m where m.group_id = :groupId and m.seq = :seq for update of m""")
			.param("emoji", emoji)
			.param("limit", MAX_DISTINCT_REACTIONS)
			.param("groupId", groupId)
			.param("seq", seq)
			.query(Boolean.class)
			.single();
		if (!room) {
			throw MessagingProblems.tooManyReactions(MAX_DISTINCT_REACTIONS);
		}
	}

	/** Maps rows selected with {@link #COLUMNS}. */
	RowMapper<MessageView> mapper() {
		return mapper;
	}

	/** Maps rows selected with {@link #COLUMNS}. */
	RowMapper<MessageView> rowMapper() {
		return mapper;
	}

	/**
	 * By position in {@link #COLUMNS} (which every query of this mapper selects first):
	 * the driver finds a column by name with a case-insensitive map lookup, 8 % of a
	 * history request's time for the 20 columns of 51 rows.
	 */
	private MessageView map(ResultSet rs, int row) throws SQLException {
		String videoId = rs.getString(8);
		Timestamp edited = rs.getTimestamp(15);
		return new MessageView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4),
				rs.getString(5), MessageType.valueOf(rs.getString(6)), rs.getString(7),
				videoId == null ? null : new Video(videoId, rs.getString(9)), rs.getString(10),
				rs.getObject(11, Long.class), strings(rs.getArray(12)), counts(rs.getString(13)),
				rs.getTimestamp(14).toInstant(), edited == null ? null : edited.toInstant(),
				rs.getTimestamp(16) != null, system(rs.getString(17)), poll(rs.getString(19)), rs.getBoolean(18),
				counts(rs.getString(20)));
	}

	private @Nullable PollView poll(@Nullable String poll) {
		return poll == null ? null : storedPoll(poll).view(clock.instant());
	}

	StoredPoll storedPoll(String poll) {
		return json.readValue(poll, StoredPoll.class);
	}

	private @Nullable SystemEvent system(@Nullable String system) {
		return system == null ? null : json.readValue(system, SystemEvent.class);
	}

	private Map<String, Integer> counts(String reactions) {
		return "{}".equals(reactions) ? Map.of() : json.readValue(reactions, COUNTS);
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}

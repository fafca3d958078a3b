package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.safety.Blocks;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Searching a group's messages, newest first: what a reader of the group could scroll to
 * in its history, less recalled and retention-expired messages. A word is matched as a
 * substring of the text folded to lower case without accents ({@code message_search_fold}
 * in SQL), so "cafe" finds "Café" and "熊猫" is found inside a sentence without spaces.
 * <p>
 * A query of 3 or more characters is found as a substring through the trigram index of
 * {@code message_search_doc}; one of 1 or 2 characters (no trigram) as one or two
 * neighbouring CJK characters through its short-term index. The documents are written by
 * {@link SearchIndexer} after the send, up to a watermark per group. Three statements at
 * most per page, each bounded, each only when the ones before did not fill it: every
 * message above the watermark through the primary key (a message is found the moment it
 * is stored), the newest {@value #RECENT_DOCUMENTS} documents below it newest first (a
 * common word or phrase fills the page there, without asking an index that would hand
 * back a large share of the group), then the rest through the index (a rare word, for
 * which the index is fast). Either way alone is slow for the other kind of query.
 */
@Service
class MessageSearch {

	/** Most characters of a query. */
	static final int MAX_QUERY = 100;

	/**
	 * Documents read newest first through their primary key before the index is asked: a
	 * word in one message of 1,000 fills a page there, in a few milliseconds.
	 */
	static final int RECENT_DOCUMENTS = 20_000;

	/** Most matches on one page; the default is 20. */
	static final int MAX_LIMIT = 50;

	/**
	 * The scripts {@code message_search_short_terms} indexes, as a character class in the
	 * syntax both Java and PostgreSQL read; the same text as in the index's condition.
	 */
	private static final String CJK_CLASS = "[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]";

	private static final Pattern CJK = Pattern.compile(CJK_CLASS);

	private static final String VISIBLE = " and deleted_at is null and text is not null"
			+ " and sender_id <> all(:blocked) and (not shadow or :seesShadow or sender_id = :viewerId)";

	private static final String FOLDED_LIKE = " and message_search_fold(text) like '%' || message_search_fold(:q) || '%'";

	private static final String TERM = " and message_search_short_terms(text) @> array[message_search_fold(:q)]";

	private static final String SUBSTRING = VISIBLE + FOLDED_LIKE + " escape '\\'";

	/**
	 * {@link #VISIBLE} on a document's copy of the sender and the shadow flag: only the
	 * page's own messages are then read (and checked again) from {@code message}.
	 */
	/** A page's own messages, read from {@code message} and checked again. */
	private static final String PAGE_MESSAGES = " join message on group_id = :groupId and seq = hit_seq where true"
			+ VISIBLE + " order by seq desc";

	private static final String DOC_VISIBLE = " and d.sender_id <> all(:blocked)"
			+ " and (not d.shadow or :seesShadow or d.sender_id = :viewerId)";

	/** A document's condition through the trigram index. */
	private static final String DOC_SUBSTRING = " and d.folded like '%' || message_search_fold(:q) || '%' escape '\\'";

	/**
	 * A document's condition through the short-term index, whose condition is repeated
	 * here.
	 */
	private static final String DOC_SHORT_TERM = " and d.short_terms is not null"
			+ " and d.short_terms @> array[message_search_fold(:q)]";

	/**
	 * {@link #DOC_SUBSTRING} for a scan that tests each document: the folded query is
	 * computed once (an init plan), not once per row.
	 */
	private static final String DOC_SUBSTRING_SCAN = " and d.folded like (select '%' || message_search_fold(:q) || '%')"
			+ " escape '\\'";

	/** {@link #DOC_SHORT_TERM} for a scan that tests each document. */
	private static final String DOC_SHORT_TERM_SCAN = " and d.short_terms @> (select array[message_search_fold(:q)])";

	/**
	 * The same through the primary key: the substring test first (cheap, and true for
	 * every match) so that the terms are computed only for rows that pass it.
	 */
	private static final String SHORT_TERM_SCAN = VISIBLE + FOLDED_LIKE + TERM;

	private final GroupAccess access;

	private final MessageStore store;

	private final JdbcClient jdbc;

	private final Blocks blocks;

	MessageSearch(GroupAccess access, MessageStore store, JdbcClient jdbc, Blocks blocks) {
		this.access = access;
		this.store = store;
		this.jdbc = jdbc;
		this.blocks = blocks;
	}

	/** A page of matches, newest first; the cursor is the seq of the last one. */
	CursorPage<MessageView> search(CurrentUser user, UUID groupId, String query, PageRequest page) {
		GroupAccess.Standing standing = access.cachedStanding(groupId, user.id()).requireReader(groupId);
		String q = query == null ? "" : query.strip();
		if (q.isEmpty() || q.length() > MAX_QUERY) {
			throw DomainException.invalid("q must be 1 to " + MAX_QUERY + " characters");
		}
		if (page.limit() > MAX_LIMIT) {
			throw DomainException.invalid("limit must be between 1 and " + MAX_LIMIT);
		}
		boolean shortQuery = q.codePointCount(0, q.length()) < 3;
		if (shortQuery && !CJK.matcher(q).find()) {
			throw DomainException.invalid("q must be at least 3 characters (1 in Chinese, Japanese or Korean)");
		}
		String scan = shortQuery ? SHORT_TERM_SCAN : SUBSTRING;
		String docScan = shortQuery ? DOC_SHORT_TERM_SCAN : DOC_SUBSTRING_SCAN;
		String indexed = shortQuery ? DOC_SHORT_TERM : DOC_SUBSTRING;
		String term = shortQuery ? q : q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		// what the reader would see as a placeholder in the history is not found at all:
		// messages of users they blocked, and shadow messages of others unless they
		// moderate
		Viewer viewer = new Viewer(user.id(), blocks.blockedBy(user.id()),
				standing.isMember() && standing.isModerator());
		return Keyset.NUMBER.page(page, (before, limit) -> matches(groupId, viewer,
				new Conditions(scan, docScan, indexed), term, before == null ? Long.MAX_VALUE : before, limit),
				MessageView::seq);
	}

	/**
	 * A query's conditions on messages read one by one, on documents read one by one, and
	 * on documents through their index.
	 */
	private record Conditions(String scan, String docScan, String indexed) {
	}

	/**
	 * Three reads, each only when the ones before did not fill the page: the messages
	 * above the indexer's watermark through the primary key (usually the last second's),
	 * then the newest {@value #RECENT_DOCUMENTS} documents below it, newest first, then
	 * the rest through the index. {@code offset 0} keeps the conditions out of a scan, so
	 * that it is read newest first through the primary key and stops at the page's end,
	 * never planned through an index (which would visit every match of the group).
	 */
	private List<MessageView> matches(UUID groupId, Viewer viewer, Conditions conditions, String term, long before,
			int limit) {
		Bounds bounds = bounds(groupId);
		long top = before == Long.MAX_VALUE ? bounds.lastSeq() + 1 : before;
		long indexedTop = Math.min(top, bounds.indexedSeq() + 1);
		List<MessageView> found = new ArrayList<>();
		if (top > indexedTop) {
			found
				.addAll(read("select " + MessageStore.COLUMNS + " from (select * from message where group_id = :groupId"
						+ " and seq < :before and seq >= :from order by seq desc offset 0) recent where true"
						+ conditions.scan() + " order by seq desc limit :limit", groupId, viewer, term, limit)
					.param("before", top)
					.param("from", indexedTop)
					.query(store.mapper())
					.list());
		}
		long documentsFrom = Math.max(0, indexedTop - RECENT_DOCUMENTS);
		if (found.size() < limit && indexedTop > 1) {
			found.addAll(read(
					"select " + MessageStore.COLUMNS + " from (select d.seq as hit_seq from (select * from"
							+ " message_search_doc where group_id = :groupId and seq < :before and seq >= :from"
							+ " order by seq desc offset 0) d where true" + conditions.docScan() + DOC_VISIBLE
							+ " order by d.seq desc limit :limit) page" + PAGE_MESSAGES,
					groupId, viewer, term, limit - found.size())
				.param("before", indexedTop)
				.param("from", documentsFrom)
				.query(store.mapper())
				.list());
		}
		if (found.size() < limit && documentsFrom > 0) {
			// materialized: the index finds every match below, then the newest are taken;
			// a plan walking the primary key would read the whole group
			found.addAll(read("with hits as materialized (select d.seq as hit_seq from message_search_doc d"
					+ " where d.group_id = :groupId and d.seq < :before" + conditions.indexed() + DOC_VISIBLE + ")"
					+ " select " + MessageStore.COLUMNS
					+ " from (select hit_seq from hits order by hit_seq desc limit :limit) page" + PAGE_MESSAGES,
					groupId, viewer, term, limit - found.size())
				.param("before", documentsFrom)
				.query(store.mapper())
				.list());
		}
		return found;
	}

	/** A statement with the parameters every read of a page shares. */
	private JdbcClient.StatementSpec read(String sql, UUID groupId, Viewer viewer, String term, int limit) {
		return jdbc.sql(sql)
			.param("groupId", groupId)
			.param("q", term)
			.param("blocked", viewer.blocked().toArray(String[]::new))
			.param("seesShadow", viewer.seesShadow())
			.param("viewerId", viewer.id())
			.param("limit", limit);
	}

	private record Viewer(String id, Set<String> blocked, boolean seesShadow) {
	}

	private record Bounds(long lastSeq, long indexedSeq) {
	}

	/** The group's last seq and its search watermark. */
	private Bounds bounds(UUID groupId) {
		return jdbc.sql("""
				select g.last_seq, coalesce(p.indexed_seq, 0) from chat_group g
				  left join message_search_progress p on p.group_id = g.id
				 where g.id = :groupId""")
			.param("groupId", groupId)
			.query((rs, n) -> new Bounds(rs.getLong(1), rs.getLong(2)))
			.optional()
			.orElse(new Bounds(0, 0));
	}

}

package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.LatestMessages;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.safety.Blocks;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.PageRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading stored messages, keyset-paged by seq (never OFFSET). Each reader gets the
 * messages they may see, and placeholders in place of the others ({@link ShownMessage}).
 */
@Service
public class History implements LatestMessages {

	private final GroupAccess access;

	private final MessageStore store;

	private final Blocks blocks;

	private final PollStore polls;

	History(GroupAccess access, MessageStore store, Blocks blocks, PollStore polls) {
		this.access = access;
		this.store = store;
		this.blocks = blocks;
		this.polls = polls;
	}

	/**
	 * A page of messages in ascending seq: after {@code afterSeq} (oldest first), before
	 * {@code beforeSeq} (the newest ones before it), or the newest messages when neither
	 * is given. Messages of users the reader blocked, and of shadow-muted members (unless
	 * the reader sent them or moderates the group), are placeholders. Not transactional
	 * on purpose: one statement reads the page and one the reader's blocks (the standing
	 * comes from a cache), and a transaction around them would only add a COMMIT round
	 * trip.
	 */
	public Page page(CurrentUser user, UUID groupId, @Nullable Long beforeSeq, @Nullable Long afterSeq,
			@Nullable Integer limit) {
		GroupAccess.Standing standing = access.cachedStanding(groupId, user.id()).requireReader(groupId);
		int size = PageRequest.of(limit, null).limit();
		if ((beforeSeq != null && beforeSeq < 1) || (afterSeq != null && afterSeq < 0)) {
			throw DomainException.invalid("beforeSeq must be 1 or more and afterSeq 0 or more");
		}
		boolean newest = afterSeq == null;
		List<MessageView> rows = store.page(groupId, afterSeq == null ? 0 : afterSeq,
				beforeSeq == null ? Long.MAX_VALUE : beforeSeq, size + 1, newest);
		boolean hasMore = rows.size() > size;
		List<MessageView> page = !hasMore ? rows : newest ? rows.subList(1, rows.size()) : rows.subList(0, size);
		Set<String> blocked = page.isEmpty() ? Set.of() : blocks.blockedBy(user.id());
		boolean seesShadow = standing.isMember() && standing.isModerator();
		List<MessageView> mine = seesShadow ? withMyVotes(groupId, user.id(), page)
				: withMyShadowReactions(groupId, user.id(), withMyVotes(groupId, user.id(), page));
		return new Page(mine.stream().map(m -> ShownMessage.forViewer(m, user.id(), blocked, seesShadow)).toList(),
				hasMore);
	}

	/**
	 * The reader's own shadow reactions counted in (they must not notice their shadow
	 * mute): one more statement, only for a page that holds shadow reactions.
	 */
	private List<MessageView> withMyShadowReactions(UUID groupId, String userId, List<MessageView> page) {
		List<Long> seqs = page.stream().filter(m -> !m.shadowReactions().isEmpty()).map(MessageView::seq).toList();
		if (seqs.isEmpty()) {
			return page;
		}
		Map<Long, List<String>> own = store.ownShadowReactions(groupId, seqs, userId);
		return page.stream().map(m -> m.withOwnShadowReactions(own.getOrDefault(m.seq(), List.of()))).toList();
	}

	/**
	 * The page's polls as this reader sees them: one more statement, only for a page that
	 * holds polls.
	 */
	private List<MessageView> withMyVotes(UUID groupId, String userId, List<MessageView> page) {
		List<Long> pollSeqs = page.stream().filter(m -> m.poll() != null).map(MessageView::seq).toList();
		if (pollSeqs.isEmpty()) {
			return List.copyOf(page);
		}
		Map<Long, List<Integer>> choices = polls.choices(groupId, pollSeqs, userId);
		return page.stream()
			.map(m -> m.poll() == null ? m : m.withMyVotes(choices.getOrDefault(m.seq(), List.of())))
			.toList();
	}

	/**
	 * The stored message at one seq of each given group, by group, in one query, whoever
	 * asks (callers check access); groups without that message are absent.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, MessageView> atSeqs(Map<UUID, Long> seqs) {
		List<UUID> groupIds = List.copyOf(seqs.keySet());
		Map<UUID, MessageView> found = new HashMap<>();
		store.findAll(groupIds, groupIds.stream().map(seqs::get).toList())
			.forEach(message -> found.put(message.groupId(), message));
		return found;
	}

	/** One stored message, whoever asks (callers check access). */
	@Transactional(readOnly = true)
	public Optional<MessageView> find(UUID groupId, long seq) {
		return store.find(groupId, seq);
	}

	/**
	 * The stored messages of one group at the given seqs, in one query, whoever asks
	 * (callers check access); seqs without a message are absent.
	 */
	@Transactional(readOnly = true)
	public List<MessageView> findAll(UUID groupId, Collection<Long> seqs) {
		if (seqs.isEmpty()) {
			return List.of();
		}
		return store.findAll(seqs.stream().map(seq -> groupId).toList(), List.copyOf(seqs));
	}

	/**
	 * Messages after {@code afterSeq} up to {@code uptoSeq}, for a resuming subscriber.
	 */
	@Transactional(readOnly = true)
	public List<MessageView> between(UUID groupId, long afterSeq, long uptoSeq, int max) {
		return store.page(groupId, afterSeq, uptoSeq + 1, max, false);
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, Latest> latest(String viewerId, Collection<Position> groups) {
		if (groups.isEmpty()) {
			return Map.of();
		}
		Map<UUID, MessageView> last = new HashMap<>();
		store.findAll(groups.stream().map(Position::groupId).toList(), groups.stream().map(Position::lastSeq).toList())
			.forEach(m -> last.put(m.groupId(), m));
		List<Position> counted = groups.stream().filter(g -> !g.seesShadow() && g.lastSeq() > g.readSeq()).toList();
		Map<UUID, Long> hidden = counted.isEmpty() ? Map.of() : store.shadowCountsAfter(viewerId, counted);
		Set<String> blocked = blocks.blockedBy(viewerId);
		Map<UUID, Latest> latest = new HashMap<>();
		for (Position group : groups) {
			MessageView message = last.get(group.groupId());
			latest.put(group.groupId(),
					new Latest(
							message == null ? null
									: ShownMessage.forViewer(message, viewerId, blocked, group.seesShadow()),
							hidden.getOrDefault(group.groupId(), 0L)));
		}
		return latest;
	}

	void requireReader(UUID groupId, String userId) {
		access.cachedStanding(groupId, userId).requireReader(groupId);
	}

	/**
	 * A page of history: {@code hasMore} tells whether more lie beyond it in the paging
	 * direction.
	 */
	public record Page(List<ShownMessage> messages, boolean hasMore) {
	}

}

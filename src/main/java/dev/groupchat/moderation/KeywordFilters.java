package dev.groupchat.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.MessageType;
import dev.groupchat.messaging.SendGuard;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keyword filters per group, set by OWNER/ADMIN and checked on every send from an
 * in-memory cache of compiled filters; a change evicts the group's entry after it commits
 * (and entries expire, so a change made on another node is seen within a minute).
 */
@Order(SendGuard.CONTENT)
@Service
class KeywordFilters implements SendGuard {

	private final JdbcClient jdbc;

	private final Moderators moderators;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LoadingCache<UUID, Optional<KeywordFilter.Compiled>> compiled = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.recordStats()
		.build(groupId -> Optional.ofNullable(load(groupId).compile()));

	KeywordFilters(JdbcClient jdbc, Moderators moderators, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.moderators = moderators;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void check(Attempt attempt) {
		if (attempt.type() == MessageType.SYSTEM) {
			return;
		}
		if (KeywordFilter.blocks(compiled.get(attempt.groupId()).orElse(null), attempt.text())) {
			throw new DomainException(ProblemType.MESSAGE_BLOCKED,
					"the message contains a word this group does not allow");
		}
	}

	@Transactional(readOnly = true)
	KeywordFilter get(CurrentUser user, UUID groupId) {
		moderators.require(user, groupId);
		return load(groupId);
	}

	/** Replaces the group's filter (OWNER, ADMIN). */
	@Transactional
	KeywordFilter replace(CurrentUser user, UUID groupId, KeywordFilter filter) {
		moderators.require(user, groupId);
		KeywordFilterLimits.check(filter);
		filter.compile();
		jdbc.sql("""
				insert into group_keyword_filter (group_id, words, patterns, updated_by, updated_at)
				values (:groupId, :words, :patterns, :by, :now)
				on conflict (group_id) do update set words = excluded.words, patterns = excluded.patterns,
				       updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("groupId", groupId)
			.param("words", filter.words().toArray(String[]::new))
			.param("patterns", filter.patterns().toArray(String[]::new))
			.param("by", user.id())
			.param("now", Timestamp.from(clock.instant()))
			.update();
		events.publishEvent(new KeywordFilterChanged(groupId, filter, user.id()));
		return filter;
	}

	@TransactionalEventListener
	void evict(KeywordFilterChanged event) {
		compiled.invalidate(event.groupId());
	}

	private KeywordFilter load(UUID groupId) {
		return jdbc.sql("select words, patterns from group_keyword_filter where group_id = :groupId")
			.param("groupId", groupId)
			.query((rs, row) -> new KeywordFilter(strings(rs.getArray(1)), strings(rs.getArray(2))))
			.optional()
			.orElse(KeywordFilter.EMPTY);
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	/** For {@code ModerationMetrics}. */
	Cache<?, ?> cache() {
		return compiled;
	}

}

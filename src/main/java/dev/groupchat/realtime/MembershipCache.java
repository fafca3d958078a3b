package dev.groupchat.realtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.GroupDeleted;
import dev.groupchat.groups.MemberBanned;
import dev.groupchat.groups.MemberJoined;
import dev.groupchat.groups.MemberLeft;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Whether a user is a member of a group, for the frequent, cheap frames (typing) that should not
 * cost a query each. Entries are evicted when membership changes commit; the short expiry bounds
 * staleness for changes made on another node.
 */
@Component
class MembershipCache {

	private record Key(UUID groupId, String userId) {
	}

	private final Cache<Key, Boolean> members = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(Duration.ofSeconds(30))
		.build();

	private final GroupAccess access;

	MembershipCache(GroupAccess access) {
		this.access = access;
	}

	boolean isMember(UUID groupId, String userId) {
		return members.get(new Key(groupId, userId), key -> access.standing(groupId, userId).isMember());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberJoined event) {
		members.invalidate(new Key(event.groupId(), event.member().userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberLeft event) {
		members.invalidate(new Key(event.groupId(), event.userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberBanned event) {
		members.invalidate(new Key(event.groupId(), event.userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(GroupDeleted event) {
		members.asMap().keySet().removeIf(key -> key.groupId().equals(event.groupId()));
	}

}

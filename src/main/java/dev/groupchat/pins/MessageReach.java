package dev.groupchat.pins;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.ReadMarkers;
import dev.groupchat.groups.ReadThrough;
import dev.groupchat.groups.Role;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read-through of a message, for the group's OWNER and ADMINs: of a pinned message,
 * or of any message whose sender is an OWNER or ADMIN now. Counted from the read markers
 * in one indexed statement ({@link ReadMarkers#readThrough}); no read rows per message
 * exist. In CHAT groups it also names the readers.
 */
@Service
class MessageReach {

	private final GroupAccess access;

	private final History history;

	private final PinStore pins;

	private final ReadMarkers readMarkers;

	private final Clock clock;

	MessageReach(GroupAccess access, History history, PinStore pins, ReadMarkers readMarkers, Clock clock) {
		this.access = access;
		this.history = history;
		this.pins = pins;
		this.readMarkers = readMarkers;
		this.clock = clock;
	}

	/**
	 * 404 for a group the caller cannot see, 403 for a member or reader who is not OWNER
	 * or ADMIN, 404 for a message that does not exist, was recalled, or is neither pinned
	 * nor sent by an OWNER or ADMIN.
	 */
	@Transactional(readOnly = true)
	ReachView reach(CurrentUser user, UUID groupId, long seq) {
		if (!access.standing(groupId, user.id()).requireMember(groupId).isModerator()) {
			throw PinProblems.notModerator("see how far a message was read");
		}
		MessageView message = history.find(groupId, seq)
			.filter(found -> !found.deleted())
			.orElseThrow(() -> PinProblems.messageNotFound(seq));
		if (pins.find(groupId, seq, clock.instant()).isEmpty() && !byModerator(groupId, message.senderId())) {
			throw PinProblems.noReach(seq);
		}
		boolean chat = access.kind(groupId)
			.orElseThrow(() -> DomainException.notFound("group", groupId)) == GroupKind.CHAT;
		ReadThrough read = readMarkers.readThrough(groupId, seq, message.senderId(), chat)
			.orElseThrow(() -> DomainException.notFound("group", groupId));
		return new ReachView(read.memberCount(), read.readCount(), read.readerIds());
	}

	private boolean byModerator(UUID groupId, String senderId) {
		Role role = access.standing(groupId, senderId).role();
		return role != null && role.isModerator();
	}

}

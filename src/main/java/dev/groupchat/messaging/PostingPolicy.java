package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.PostPolicy;
import dev.groupchat.groups.PostingRights;
import dev.groupchat.shared.DomainException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The rules a message must pass with its group locked: who may post, when, and what it
 * may refer to.
 */
final class PostingPolicy {

	/**
	 * The mention that notifies everyone; free for all in groups up to
	 * {@link #ALL_FREE_UP_TO} members.
	 */
	static final String ALL = "@all";

	static final int ALL_FREE_UP_TO = 50;

	private PostingPolicy() {
	}

	/**
	 * Refuses, before anything else is looked at, a sender who may not post in the group
	 * at all: not a member (404 when the group does not exist for them), muted, or not a
	 * moderator under {@code postPolicy: ADMINS}. Run again, authoritatively, by
	 * {@link #check} with the group locked.
	 */
	static void checkStanding(GroupAccess.Standing standing, UUID groupId, Instant now) {
		if (!standing.exists()) {
			throw DomainException.notFound("group", groupId);
		}
		if (!standing.isMember()) {
			throw MessagingProblems.notAllowedToPost("only members of this group may post");
		}
		if (standing.mutedUntil() != null && standing.mutedUntil().isAfter(now)) {
			throw MessagingProblems.muted("you are muted in this group until " + standing.mutedUntil());
		}
		if (standing.postPolicy() == PostPolicy.ADMINS && !standing.isModerator()) {
			throw MessagingProblems.notAllowedToPost("only the owner and admins post in this group");
		}
	}

	/**
	 * Refuses the message by throwing; {@code members} are the mentioned users who are
	 * members.
	 */
	static void check(PostingRights rights, PostMessage message, Set<String> members, Instant now) {
		if (!rights.isMember()) {
			throw MessagingProblems.notAllowedToPost("only members of this group may post");
		}
		if (rights.isMutedAt(now)) {
			throw MessagingProblems.muted("you are muted in this group until " + rights.mutedUntil());
		}
		if (rights.postPolicy() == PostPolicy.ADMINS && !rights.isModerator()) {
			throw MessagingProblems.notAllowedToPost("only the owner and admins post in this group");
		}
		long wait = rights.slowModeWaitSeconds(now);
		if (wait > 0) {
			throw MessagingProblems.slowMode(rights.slowModeSeconds(), wait);
		}
		if (message.mentions().contains(ALL) && rights.memberCount() > ALL_FREE_UP_TO && !rights.isModerator()) {
			throw MessagingProblems.notAllowedToPost(
					"only the owner and admins may mention @all in groups of more than " + ALL_FREE_UP_TO + " members");
		}
		// seqs are gapless and never deleted (recalls leave tombstones), so 1..seq-1 all
		// exist
		if (message.replyToSeq() != null && message.replyToSeq() >= rights.seq()) {
			throw DomainException.invalid("replyToSeq must name an earlier message of this group");
		}
		// a MEMBER of a group whose member list is hidden may mention anyone: refusing a
		// non-member would tell them who is a member (a non-member's mention notifies
		// nobody)
		boolean anyone = rights.membersHidden() && !rights.isModerator();
		for (String mention : message.mentions()) {
			if (!anyone && !mention.equals(ALL) && !members.contains(mention)) {
				throw DomainException.invalid("mentions must be members of the group; not a member: " + mention);
			}
		}
	}

}

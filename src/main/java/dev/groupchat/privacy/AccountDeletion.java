package dev.groupchat.privacy;

import dev.groupchat.groups.UserMembership;
import dev.groupchat.groups.UserMemberships;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.messaging.MessageErasure;
import dev.groupchat.safety.Blocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Deletes a user's account: they leave every group (an owner hands over to the
 * longest-serving admin, or the group is deleted when there is none), their reactions are
 * withdrawn, their messages recalled, the blocks they made forgotten and their profile
 * erased.
 *
 * <p>
 * Deliberately not one transaction: a user with a hundred thousand messages would hold
 * that many row locks until the end. Each group and each batch commits on its own, every
 * step is idempotent, so a deletion cut short is completed by asking again.
 */
@Service
class AccountDeletion {

	private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

	private final UserMemberships memberships;

	private final MessageErasure erasure;

	private final UserProfiles profiles;

	private final PrivacyProperties properties;

	private final Blocks blocks;

	AccountDeletion(UserMemberships memberships, MessageErasure erasure, UserProfiles profiles,
			PrivacyProperties properties, Blocks blocks) {
		this.blocks = blocks;
		this.memberships = memberships;
		this.erasure = erasure;
		this.profiles = profiles;
		this.properties = properties;
	}

	/** Deletes the account; idempotent. */
	void delete(String userId) {
		for (UserMembership membership : memberships.list(userId)) {
			memberships.leaveForGood(userId, membership.groupId());
		}
		memberships.forgetJoinRequests(userId);
		int reactions = erasure.withdrawAllReactionsOf(userId, properties.deletionBatchSize());
		int messages = erasure.recallAllOf(userId, properties.deletionBatchSize());
		blocks.forgetBlocksOf(userId);
		profiles.erase(userId);
		log.info("Deleted account {}: {} messages recalled, {} reactions withdrawn", userId, messages, reactions);
	}

}

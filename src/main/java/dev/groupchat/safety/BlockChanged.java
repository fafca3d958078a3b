package dev.groupchat.safety;

/**
 * A user blocked ({@code blocked} true) or unblocked another; published in the change's
 * transaction, only when something changed. Live sessions of the blocker update their
 * block set from it (after commit); nobody tells the blocked user.
 *
 * @param blockerId who blocked
 * @param blockedId whom
 * @param blocked true for a new block, false when it was lifted
 */
public record BlockChanged(String blockerId, String blockedId, boolean blocked) {
}

package dev.groupchat.messaging;

import java.util.List;

/**
 * What a SYSTEM message says, as data for clients to render: {@code member.joined} (the
 * actor joined), {@code member.added} (the actor added the targets), {@code member.left},
 * {@code member.removed} (kicked by the actor, or banned: then no actor is named) and
 * {@code group.renamed} (with the new {@code name}). SYSTEM messages stored before this
 * had only prose {@code text} and no {@code system}.
 *
 * @param event what happened
 * @param actorId who did it, or null when not told
 * @param targetIds whom it happened to
 * @param name the group's new name ({@code group.renamed} only)
 */
public record SystemEvent(String event, String actorId, List<String> targetIds, String name) {

	public SystemEvent {
		targetIds = targetIds == null ? List.of() : List.copyOf(targetIds);
	}

}

package dev.groupchat.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a SYSTEM message says, as data for clients to render: {@code member.joined} (the
 * actor joined), {@code member.added} (the actor added the targets), {@code member.left},
 * {@code member.removed} (kicked by the actor, or banned: then no actor is named),
 * {@code group.renamed} (with the new {@code name}), {@code message.pinned},
 * {@code message.unpinned} and {@code announcement.set} (the actor pinned, unpinned or
 * made the group's announcement the message at {@code seq}). SYSTEM messages stored
 * before this had only prose {@code text} and no {@code system}.
 *
 * @param event what happened
 * @param actorId who did it, or null when not told
 * @param targetIds whom it happened to
 * @param name the group's new name ({@code group.renamed} only)
 * @param seq the message it is about (pins only; absent from the JSON otherwise)
 */
public record SystemEvent(String event, @Nullable String actorId, List<String> targetIds, @Nullable String name,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long seq) {

	public SystemEvent {
		targetIds = targetIds == null ? List.of() : List.copyOf(targetIds);
	}

	public SystemEvent(String event, @Nullable String actorId, List<String> targetIds, @Nullable String name) {
		this(event, actorId, targetIds, name, null);
	}

}

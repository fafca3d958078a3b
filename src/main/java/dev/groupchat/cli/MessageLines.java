package dev.groupchat.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How the terminal client shows a message: {@code #<seq> <sender>: <text>}, and SYSTEM
 * messages as {@code #<seq> * <what happened>} rendered from their structured
 * {@code system} event (older SYSTEM messages carry only prose {@code text}, shown as it
 * is).
 */
final class MessageLines {

	private MessageLines() {
	}

	static String render(JsonNode message) {
		long seq = message.path("seq").asLong();
		if ("POLL".equals(message.path("type").asString()) && message.path("poll").isObject()) {
			return "#" + seq + " " + message.path("senderId").asString() + " asks: "
					+ message.path("poll").path("question").asString("") + " " + options(message.path("poll"));
		}
		if (!"SYSTEM".equals(message.path("type").asString())) {
			return "#" + seq + " " + message.path("senderId").asString() + ": " + message.path("text").asString("");
		}
		JsonNode system = message.path("system");
		return "#" + seq + " * " + (system.isObject() ? describe(system) : message.path("text").asString(""));
	}

	static String describe(JsonNode system) {
		String actor = system.path("actorId").asString("someone");
		String targets = String.join(", ", ids(system.path("targetIds")));
		return switch (system.path("event").asString()) {
			case "member.joined" -> actor + " joined";
			case "member.added" -> actor + " added " + targets;
			case "member.left" -> actor + " left";
			case "member.removed" ->
				system.path("actorId").isString() ? actor + " removed " + targets : targets + " was removed";
			case "group.renamed" -> actor + " renamed the group to \"" + system.path("name").asString("") + "\"";
			case "message.pinned" -> actor + " pinned #" + system.path("seq").asLong();
			case "message.unpinned" -> actor + " unpinned #" + system.path("seq").asLong();
			case "announcement.set" -> actor + " made #" + system.path("seq").asLong() + " the announcement";
			default -> system.path("event").asString("event") + " " + targets;
		};
	}

	private static String options(JsonNode poll) {
		List<String> options = new ArrayList<>();
		poll.path("options")
			.forEach(option -> options
				.add(option.path("text").asString("") + " (" + option.path("votes").asInt() + ")"));
		return "[" + String.join(" | ", options) + "]";
	}

	private static List<String> ids(JsonNode array) {
		List<String> ids = new ArrayList<>();
		array.forEach(id -> ids.add(id.asString()));
		return ids;
	}

}

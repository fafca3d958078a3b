package dev.groupchat.privacy;

import dev.groupchat.groups.UserMembership;
import dev.groupchat.groups.UserMemberships;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.identity.UserProfiles.StoredProfile;
import dev.groupchat.messaging.MessageExport;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.messaging.OwnReaction;
import dev.groupchat.safety.BlockView;
import dev.groupchat.safety.Blocks;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes everything the service holds about a user as one JSON document: profile,
 * memberships, their messages, their reactions and the users they blocked. Messages and
 * reactions are read in pages of {@link #PAGE_SIZE} by keyset, each page one short read,
 * and written out before the next is read: memory stays flat however many there are, and
 * a client that downloads slowly holds no database connection while it does. The price:
 * the document is not one snapshot, so a message sent, edited or recalled while the
 * download runs may or may not show its change.
 */
@Service
class DataExport {

	static final int FORMAT_VERSION = 1;

	static final int PAGE_SIZE = 500;

	private final UserProfiles profiles;

	private final UserMemberships memberships;

	private final MessageExport messages;

	private final JsonMapper json;

	private final Blocks blocks;

	private final Clock clock;

	DataExport(UserProfiles profiles, UserMemberships memberships, MessageExport messages, Blocks blocks,
			JsonMapper json, Clock clock) {
		this.blocks = blocks;
		this.profiles = profiles;
		this.memberships = memberships;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
	}

	void write(String userId, OutputStream out) {
		try (JsonGenerator generator = json.createGenerator(out, JsonEncoding.UTF8)) {
			generator.writeStartObject();
			generator.writeNumberProperty("formatVersion", FORMAT_VERSION);
			generator.writeStringProperty("userId", userId);
			generator.writePOJOProperty("exportedAt", clock.instant());
			generator.writeName("profile");
			writeProfile(generator, profiles.stored(userId).orElse(null));
			generator.writeArrayPropertyStart("memberships");
			for (UserMembership membership : memberships.list(userId)) {
				generator.writePOJO(membership);
			}
			generator.writeEndArray();
			generator.writeArrayPropertyStart("messages");
			writePaged(generator, (MessageView after, Integer limit) -> messages.messagesOf(userId, after, limit));
			generator.writeEndArray();
			generator.writeArrayPropertyStart("reactions");
			writePaged(generator, (OwnReaction after, Integer limit) -> messages.reactionsOf(userId, after, limit));
			generator.writeEndArray();
			generator.writeArrayPropertyStart("blocks");
			writePaged(generator, (BlockView after, Integer limit) -> blocks.blocksOf(userId, after, limit));
			generator.writeEndArray();
			generator.writeEndObject();
		}
	}

	/**
	 * Writes page after page; a page's connection is back in the pool before its rows are
	 * written.
	 */
	private static <T> void writePaged(JsonGenerator generator, BiFunction<T, Integer, List<T>> pageAfter) {
		T last = null;
		List<T> page;
		do {
			page = pageAfter.apply(last, PAGE_SIZE);
			for (T row : page) {
				generator.writePOJO(row);
			}
			generator.flush();
			last = page.isEmpty() ? null : page.getLast();
		}
		while (page.size() == PAGE_SIZE);
	}

	private static void writeProfile(JsonGenerator generator, @Nullable StoredProfile profile) {
		if (profile == null) {
			generator.writeNull();
			return;
		}
		generator.writeStartObject();
		generator.writeStringProperty("id", profile.id());
		generator.writeStringProperty("name", profile.name());
		generator.writeNumberProperty("fanLevel", profile.fanLevel());
		generator.writeStringProperty("ageBand", profile.ageBand() == null ? null : profile.ageBand().claim());
		generator.writePOJOProperty("firstSeenAt", profile.firstSeenAt());
		generator.writePOJOProperty("updatedAt", profile.updatedAt());
		generator.writeEndObject();
	}

}

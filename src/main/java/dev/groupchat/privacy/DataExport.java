package dev.groupchat.privacy;

import dev.groupchat.groups.UserMembership;
import dev.groupchat.groups.UserMemberships;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.identity.UserProfiles.StoredProfile;
import dev.groupchat.messaging.MessageExport;
import java.io.OutputStream;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes everything the service holds about a user as one JSON document: profile, memberships, their
 * messages and their reactions. Messages and reactions go from a database cursor straight to the
 * output, one at a time, so memory stays flat however many there are.
 *
 * <p>One read-only REPEATABLE READ transaction spans the whole document, so it is a consistent
 * snapshot; it holds a connection for as long as the client takes to download.
 */
@Service
class DataExport {

	static final int FORMAT_VERSION = 1;

	private final UserProfiles profiles;

	private final UserMemberships memberships;

	private final MessageExport messages;

	private final JsonMapper json;

	private final Clock clock;

	DataExport(UserProfiles profiles, UserMemberships memberships, MessageExport messages, JsonMapper json,
			Clock clock) {
		this.profiles = profiles;
		this.memberships = memberships;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public void write(String userId, OutputStream out) {
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
			messages.forEachMessageOf(userId, generator::writePOJO);
			generator.writeEndArray();
			generator.writeArrayPropertyStart("reactions");
			messages.forEachReactionOf(userId, generator::writePOJO);
			generator.writeEndArray();
			generator.writeEndObject();
		}
	}

	private static void writeProfile(JsonGenerator generator, StoredProfile profile) {
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

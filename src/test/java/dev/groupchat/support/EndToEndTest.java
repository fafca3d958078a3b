package dev.groupchat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the tests that drive the running service over real HTTP on a random port,
 * against real PostgreSQL. Each test makes its own users (unique ids), so tests never see
 * each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EndToEndTest {

	@LocalServerPort
	protected int port;

	protected Api api;

	/** The service's clock: a test of an expiry moves it instead of sleeping. */
	@Autowired
	protected TestClock clock;

	@BeforeEach
	void connectClient() {
		api = new Api(port);
	}

	/** A fresh user id, unique across the suite. */
	protected static String user(String role) {
		return role + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Creates a group owned by {@code ownerId} and answers its id. */
	protected String createGroup(String ownerId, String kind) {
		Api.Response created = api.as(ownerId)
			.post("/api/v1/groups", Map.of("name", "Group of " + ownerId, "kind", kind));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.text("id");
	}

	/** Posts a TEXT message as {@code userId} over REST and answers its seq. */
	protected long postText(String userId, String groupId, String text) {
		Api.Response posted = api.as(userId)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "c-" + UUID.randomUUID(), "type", "TEXT", "text", text));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		return posted.json().path("seq").asLong();
	}

	protected void addMember(String groupId, String byId, String userId) {
		Api.Response added = api.as(byId).post("/api/v1/groups/" + groupId + "/members", Map.of("userId", userId));
		assertThat(added.status()).as(added.raw()).isEqualTo(201);
	}

	/**
	 * A new group of {@code kind} with fresh users: its owner, a member made ADMIN and a
	 * plain MEMBER (both added by the owner, so never on probation).
	 */
	protected GroupFixture fixture(String kind) {
		String owner = user("owner");
		String admin = user("admin");
		String member = user("member");
		String groupId = createGroup(owner, kind);
		addMember(groupId, owner, admin);
		addMember(groupId, owner, member);
		makeAdmin(groupId, owner, admin);
		return new GroupFixture(owner, admin, member, groupId);
	}

	protected void makeAdmin(String groupId, String ownerId, String userId) {
		Api.Response changed = api.as(ownerId)
			.patch("/api/v1/groups/" + groupId + "/members/" + userId, Map.of("role", "ADMIN"));
		assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
	}

	protected void configure(String groupId, String byId, Map<String, Object> settings) {
		Api.Response changed = api.as(byId).patch("/api/v1/groups/" + groupId, settings);
		assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
	}

}

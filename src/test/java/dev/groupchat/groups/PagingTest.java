package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The paging contract: {@code {items, nextCursor}}, with {@code nextCursor} null on the
 * last page.
 */
class PagingTest extends EndToEndTest {

	@Test
	void myGroupsComeInPagesOfTheAskedSize() {
		String me = user("me");
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(createGroup(me, "CHAT"));
		}

		List<List<String>> pages = pages(me, "/api/v1/groups?limit=2", "id");

		assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
		assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(created);
	}

	@Test
	void membersComeInJoinOrderInPagesOfTheAskedSize() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		List<String> joined = new ArrayList<>(List.of(owner));
		for (int i = 0; i < 4; i++) {
			String member = user("m" + i);
			addMember(groupId, owner, member);
			joined.add(member);
		}

		List<List<String>> pages = pages(owner, "/api/v1/groups/" + groupId + "/members?limit=2", "userId");

		assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
		assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(joined);
	}

	@Test
	void membersAreFoundByAPartOfTheirNameOrTheStartOfTheirIdAndPagedInJoinOrder() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		List<String> annas = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String fan = user("fan");
			api.as(fan, Map.of("name", "Anna Müller " + i)).get("/api/v1/groups");
			addMember(groupId, owner, fan);
			annas.add(fan);
		}
		String bob = user("bob");
		api.as(bob, Map.of("name", "Bob 100%_real")).get("/api/v1/groups");
		addMember(groupId, owner, bob);
		String members = "/api/v1/groups/" + groupId + "/members?limit=2&q=";

		assertThat(pages(owner, members + "m%C3%BCLLER", "userId")).extracting(List::size).containsExactly(2, 1);
		assertThat(pages(owner, members + "m%C3%BCLLER", "userId").stream().flatMap(List::stream).toList())
			.containsExactlyElementsOf(annas);
		assertThat(pages(owner, members + URLEncoder.encode(bob.substring(0, 6), StandardCharsets.UTF_8), "userId")
			.stream()
			.flatMap(List::stream)
			.toList()).containsExactly(bob);
		assertThat(pages(owner, members + "100%25_", "userId").stream().flatMap(List::stream).toList())
			.as("%% and _ are literal characters, not wildcards")
			.containsExactly(bob);
		assertThat(pages(owner, members + "0%25x", "userId").stream().flatMap(List::stream).toList()).isEmpty();
		assertThat(api.as(owner).get(members + "x".repeat(65)).status()).isEqualTo(400);
	}

	@Test
	void aListThatFitsOnOnePageHasNoNextCursor() {
		String me = user("me");
		createGroup(me, "CHAT");

		Api.Response page = api.as(me).get("/api/v1/groups");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().path("items").size()).isEqualTo(1);
		assertThat(page.json().has("nextCursor")).isTrue();
		assertThat(page.json().path("nextCursor").isNull()).isTrue();
	}

	@Test
	void limitsOutsideOneToTwoHundredAreRefused() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		Api caller = api.as(owner);

		for (String path : List.of("/api/v1/groups", "/api/v1/groups/" + groupId + "/members",
				"/api/v1/groups/" + groupId + "/join-requests")) {
			assertThat(caller.get(path + "?limit=0").status()).as(path).isEqualTo(400);
			assertThat(caller.get(path + "?limit=201").status()).as(path).isEqualTo(400);
			assertThat(caller.get(path + "?limit=200").status()).as(path).isEqualTo(200);
		}
	}

	/**
	 * Follows nextCursor from the first page to the last, answering the given field of
	 * every item.
	 */
	private List<List<String>> pages(String asUser, String firstPage, String field) {
		List<List<String>> pages = new ArrayList<>();
		String path = firstPage;
		while (path != null) {
			Api.Response response = api.as(asUser).get(path);
			assertThat(response.status()).as(response.raw()).isEqualTo(200);
			JsonNode body = response.json();
			pages.add(body.path("items").valueStream().map(item -> item.path(field).asString()).toList());
			JsonNode next = body.path("nextCursor");
			path = next.isNull() ? null
					: firstPage + "&cursor=" + URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
			assertThat(pages).as("paging must end").hasSizeLessThan(10);
		}
		return pages;
	}

}

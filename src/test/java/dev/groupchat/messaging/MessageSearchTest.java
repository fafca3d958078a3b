package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Searching a group's messages: words in English, Spanish and Chinese, case- and
 * accent-insensitively, newest first, paged; never a recalled message, never for someone
 * who may not read the group.
 */
class MessageSearchTest extends EndToEndTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SearchIndexer indexer;

	@Test
	void olderMessagesAreFoundThroughTheIndexWrittenAfterTheSendAndARecallLeavesIt() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long old = postText(member, groupId, "the ornitorrinco of Zürich");
		long recalled = postText(member, groupId, "an ornitorrinco secret");
		long edited = postText(member, groupId, "a plain old line");
		long cjk = postText(member, groupId, "我们去看熊猫吧");
		String troll = user("troll");
		addMember(groupId, owner, troll);
		long trolls = postText(troll, groupId, "ornitorrinco spam");
		assertThat(api.as(owner).put("/api/v1/me/blocks/" + troll, null).status()).isEqualTo(204);
		assertThat(seqs(search(member, groupId, "ornitorrinco"))).as("the member did not block the troll")
			.containsExactly(trolls, recalled, old);
		assertThat(seqs(search(owner, groupId, "ornitorrinco"))).as("found at once, before any indexing")
			.containsExactly(recalled, old);
		while (indexer.step()) {
			// until no backlog
		}
		assertThat(jdbc.sql("select indexed_seq from message_search_progress where group_id = :g")
			.param("g", UUID.fromString(groupId))
			.query(Long.class)
			.single()).as("the watermark").isGreaterThanOrEqualTo(cjk);
		assertThat(seqs(search(owner, groupId, "ornitorrinco"))).as("indexed: through the newest documents")
			.containsExactly(recalled, old);
		assertThat(seqs(search(owner, groupId, "熊猫"))).containsExactly(cjk);
		// 22,500 newer messages, indexed: the four are now below the newest documents a
		// page reads one by one, found only through the indexes of the documents
		jdbc.sql(
				"""
						insert into message (id, group_id, seq, sender_id, client_msg_id, type, text, mentions, reactions, created_at)
						select gen_random_uuid(), g.id, g.last_seq + s, :sender, 'filler-' || s, 'TEXT', 'filler ' || s, '{}', '{}', now()
						  from chat_group g cross join generate_series(1, 22500) s where g.id = :g""")
			.param("sender", owner)
			.param("g", UUID.fromString(groupId))
			.update();
		jdbc.sql("update chat_group set last_seq = last_seq + 22500 where id = :g")
			.param("g", UUID.fromString(groupId))
			.update();
		indexer.mark(UUID.fromString(groupId), cjk + 22500);
		while (indexer.step()) {
			// the fillers' documents, 5,000 a step
		}
		assertThat(seqs(search(owner, groupId, "ornitorrinco"))).as("the owner blocked the troll")
			.containsExactly(recalled, old);
		assertThat(seqs(search(member, groupId, "ornitorrinco"))).containsExactly(trolls, recalled, old);
		assertThat(seqs(search(owner, groupId, "zurich"))).containsExactly(old);
		assertThat(seqs(search(owner, groupId, "熊猫"))).as("a CJK pair through the short terms").containsExactly(cjk);
		assertThat(seqs(search(owner, groupId, "熊"))).containsExactly(cjk);

		assertThat(api.as(member).delete("/api/v1/groups/" + groupId + "/messages/" + recalled).status())
			.isEqualTo(200);
		assertThat(api.as(member)
			.patch("/api/v1/groups/" + groupId + "/messages/" + edited, Map.of("text", "now with an ornitorrinco"))
			.status()).isEqualTo(200);

		assertThat(seqs(search(owner, groupId, "ornitorrinco"))).containsExactly(edited, old);
		assertThat(seqs(search(owner, groupId, "plain old"))).isEmpty();
		assertThat(jdbc
			.sql("select count(*) from message_search_doc where group_id = :g and seq = :seq"
					+ " and (folded is not null or short_terms is not null)")
			.param("g", UUID.fromString(groupId))
			.param("seq", recalled)
			.query(Long.class)
			.single()).as("a recalled text is not kept for search").isZero();
	}

	@Test
	void findsWordsInEnglishSpanishAndChineseIgnoringCaseAndAccentsNewestFirst() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		long english = postText(owner, groupId, "The LIVE stream starts at nine");
		long spanish = postText(owner, groupId, "Mañana hay un directo en Córdoba, qué emoción");
		long chinese = postText(owner, groupId, "我今天很喜欢这个视频太好看了");
		long other = postText(owner, groupId, "nothing to see here");
		long again = postText(owner, groupId, "another live one, in cordoba");

		assertThat(seqs(search(owner, groupId, "live"))).containsExactly(again, english);
		assertThat(seqs(search(owner, groupId, "Stream"))).containsExactly(english);
		assertThat(seqs(search(owner, groupId, "manana"))).as("accents do not matter").containsExactly(spanish);
		assertThat(seqs(search(owner, groupId, "CÓRDOBA"))).containsExactly(again, spanish);
		assertThat(seqs(search(owner, groupId, "QUÉ EMOCIÓN"))).containsExactly(spanish);
		assertThat(seqs(search(owner, groupId, "视频"))).as("a Chinese word inside a sentence").containsExactly(chinese);
		assertThat(seqs(search(owner, groupId, "喜欢"))).containsExactly(chinese);
		assertThat(seqs(search(owner, groupId, "missing"))).isEmpty();
		assertThat(seqs(search(owner, groupId, "我"))).as("one Chinese character").containsExactly(chinese);
		assertThat(seqs(search(owner, groupId, "了"))).as("the last one of a run").containsExactly(chinese);
		assertThat(seqs(search(owner, groupId, "看了"))).containsExactly(chinese);
		assertThat(seqs(search(owner, groupId, "看喜"))).as("not neighbours").isEmpty();
		assertThat(other).isPositive();
		JsonNode hit = search(owner, groupId, "stream").json().path("items").get(0);
		assertThat(hit.path("text").asString()).isEqualTo("The LIVE stream starts at nine");
		assertThat(hit.path("seq").asLong()).as("the seq to jump to").isEqualTo(english);
	}

	@Test
	void pagesWalkEveryMatchOnceNewestFirstAndWildcardsAreLiteral() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		List<Long> matches = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			matches.add(0, postText(owner, groupId, "giveaway number " + i));
			postText(owner, groupId, "chatter " + i);
		}
		long percent = postText(owner, groupId, "100% real, no_fake");

		List<Long> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Api.Response page = api.as(owner)
				.get("/api/v1/groups/" + groupId + "/messages/search?q=giveaway&limit=3"
						+ (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
			assertThat(page.status()).as(page.raw()).isEqualTo(200);
			seen.addAll(seqs(page));
			cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asString();
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(matches);
		assertThat(seqs(search(owner, groupId, "00%"))).containsExactly(percent);
		assertThat(seqs(search(owner, groupId, "o_f"))).containsExactly(percent);

	}

	@Test
	void aRecalledOrEditedAwayMessageIsNotFound() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long recalled = postText(member, groupId, "secret password is swordfish");
		long edited = postText(member, groupId, "meet at the swordfish bar");
		assertThat(seqs(search(owner, groupId, "swordfish"))).containsExactly(edited, recalled);

		assertThat(api.as(member).delete("/api/v1/groups/" + groupId + "/messages/" + recalled).status())
			.isEqualTo(200);
		assertThat(api.as(member)
			.patch("/api/v1/groups/" + groupId + "/messages/" + edited, Map.of("text", "meet at the tuna bar"))
			.status()).isEqualTo(200);

		assertThat(seqs(search(owner, groupId, "swordfish"))).isEmpty();
		assertThat(seqs(search(owner, groupId, "tuna"))).containsExactly(edited);
	}

	@Test
	void aBlockedSendersMessagesAndAShadowMutedMembersMessagesAreNotFoundByThoseWhoMayNotSeeThem() {
		String owner = user("owner");
		String admin = user("admin");
		String fan = user("fan");
		String troll = user("troll");
		String shadowed = user("shadowed");
		String groupId = createGroup(owner, "FAN");
		for (String member : List.of(admin, fan, troll, shadowed)) {
			addMember(groupId, owner, member);
		}
		makeAdmin(groupId, owner, admin);
		assertThat(api.as(fan).put("/api/v1/me/blocks/" + troll, Map.of()).status()).isEqualTo(204);
		assertThat(api.as(owner)
			.patch("/api/v1/groups/" + groupId + "/members/" + shadowed, Map.of("shadowMuted", true))
			.status()).isEqualTo(200);
		long fromTroll = postText(troll, groupId, "buy cheap followers here");
		long fromShadow = postText(shadowed, groupId, "cheap followers, dm me");
		long fromOwner = postText(owner, groupId, "no cheap followers please");

		assertThat(seqs(search(fan, groupId, "cheap followers"))).containsExactly(fromOwner);
		assertThat(seqs(search(admin, groupId, "cheap followers"))).containsExactly(fromOwner, fromShadow, fromTroll);
		assertThat(seqs(search(shadowed, groupId, "cheap followers"))).as("the sender sees nothing different")
			.containsExactly(fromOwner, fromShadow, fromTroll);
		assertThat(seqs(search(troll, groupId, "cheap followers"))).containsExactly(fromOwner, fromTroll);
	}

	@Test
	void onlyThoseWhoMayReadTheGroupMaySearchIt() {
		String owner = user("owner");
		String stranger = user("stranger");
		String privateGroup = createGroup(owner, "FAN");
		postText(owner, privateGroup, "members only news");
		String publicGroup = createGroup(owner, "FAN");
		configure(publicGroup, owner, Map.of("visibility", "PUBLIC"));
		long news = postText(owner, publicGroup, "public news for every fan");

		assertThat(search(stranger, privateGroup, "news").status()).isEqualTo(404);
		assertThat(api.anonymous().get("/api/v1/groups/" + privateGroup + "/messages/search?q=news").status())
			.isEqualTo(401);
		assertThat(seqs(search(stranger, publicGroup, "news"))).as("a reader of a PUBLIC fan group")
			.containsExactly(news);
	}

	@Test
	void anEmptyOrOverlongQueryIsRefusedWithAProblem() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		String path = "/api/v1/groups/" + groupId + "/messages/search";

		for (String query : List.of("", "?q=", "?q=%20%20", "?q=" + "x".repeat(101))) {
			Api.Response refused = api.as(owner).get(path + query);
			assertThat(refused.status()).as(query).isEqualTo(400);
			assertThat(refused.text("type")).isEqualTo(ProblemType.VALIDATION.type().toString());
			assertThat(refused.text("detail")).contains("q must be 1 to 100 characters");
		}
		for (String query : List.of("?q=el", "?q=%25", "?q=a_")) {
			Api.Response refused = api.as(owner).get(path + query);
			assertThat(refused.status()).as(query).isEqualTo(400);
			assertThat(refused.text("detail")).contains("at least 3 characters (1 in Chinese, Japanese or Korean)");
		}
		assertThat(api.as(owner).get(path + "?q=hello&limit=51").status()).isEqualTo(400);
		assertThat(api.as(owner).get(path + "?q=" + "x".repeat(100)).status()).isEqualTo(200);
	}

	private Api.Response search(String userId, String groupId, String q) {
		return api.as(userId)
			.get("/api/v1/groups/" + groupId + "/messages/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
	}

	private static List<Long> seqs(Api.Response page) {
		assertThat(page.status()).as(page.raw()).isEqualTo(200);
		return page.json().path("items").valueStream().map(m -> m.path("seq").asLong()).toList();
	}

}

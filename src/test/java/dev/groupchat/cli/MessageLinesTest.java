package dev.groupchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The terminal client renders structured SYSTEM messages itself, and still shows old
 * prose ones.
 */
class MessageLinesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void rendersEachSystemEvent() {
		assertThat(
				line("""
						{"seq":3,"type":"SYSTEM","text":null,"system":{"event":"member.added","actorId":"alice","targetIds":["bob"]}}"""))
			.isEqualTo("#3 * alice added bob");
		assertThat(line("""
				{"seq":4,"type":"SYSTEM","system":{"event":"member.removed","actorId":null,"targetIds":["bob"]}}"""))
			.isEqualTo("#4 * bob was removed");
		assertThat(
				line("""
						{"seq":5,"type":"SYSTEM","system":{"event":"group.renamed","actorId":"alice","targetIds":[],"name":"Fans"}}"""))
			.isEqualTo("#5 * alice renamed the group to \"Fans\"");
		assertThat(line("""
				{"seq":6,"type":"SYSTEM","system":{"event":"member.left","actorId":"bob","targetIds":[]}}"""))
			.isEqualTo("#6 * bob left");
		assertThat(
				line("""
						{"seq":8,"type":"SYSTEM","system":{"event":"message.pinned","actorId":"alice","targetIds":[],"seq":7}}"""))
			.isEqualTo("#8 * alice pinned #7");
		assertThat(
				line("""
						{"seq":9,"type":"SYSTEM","system":{"event":"announcement.set","actorId":"alice","targetIds":[],"seq":7}}"""))
			.isEqualTo("#9 * alice made #7 the announcement");
		assertThat(
				line("""
						{"seq":10,"type":"SYSTEM","system":{"event":"message.unpinned","actorId":"alice","targetIds":[],"seq":7}}"""))
			.isEqualTo("#10 * alice unpinned #7");
	}

	@Test
	void showsOldProseSystemMessagesAndOrdinaryMessages() {
		assertThat(line("""
				{"seq":1,"type":"SYSTEM","text":"alice added bob","system":null}""")).isEqualTo("#1 * alice added bob");
		assertThat(line("""
				{"seq":2,"type":"TEXT","senderId":"bob","text":"hi"}""")).isEqualTo("#2 bob: hi");
		assertThat(
				line("""
						{"seq":3,"type":"POLL","senderId":"bob","poll":{"question":"Tea?","options":[{"text":"yes","votes":2},{"text":"no","votes":0}]}}"""))
			.isEqualTo("#3 bob asks: Tea? [yes (2) | no (0)]");
	}

	private static String line(String json) {
		return MessageLines.render(JSON.readTree(json));
	}

}

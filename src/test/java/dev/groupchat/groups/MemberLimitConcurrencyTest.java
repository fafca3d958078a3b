package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemberLimitConcurrencyTest extends EndToEndTest {

	@Test
	void twentySimultaneousJoinsIntoALimitOfTenLeaveExactlyTenMembers() throws Exception {
		String owner = user("creator");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN", "memberLimit", 10));

		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> joins = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
			for (int i = 0; i < 20; i++) {
				Api fan = api.as(user("fan"));
				joins.add(pool.submit(() -> {
					start.await();
					return fan.post("/api/v1/groups/" + groupId + "/join", Map.of()).status();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> join : joins) {
				statuses.add(join.get());
			}
			assertThat(statuses).filteredOn(s -> s == 201).hasSize(9);
			assertThat(statuses).filteredOn(s -> s == 409).hasSize(11);
		}
		Api.Response group = api.as(owner).get("/api/v1/groups/" + groupId);
		assertThat(group.json().path("memberCount").asInt()).isEqualTo(10);
		Api.Response members = api.as(owner).get("/api/v1/groups/" + groupId + "/members?limit=200");
		assertThat(members.json().path("items").size()).isEqualTo(10);
	}

}

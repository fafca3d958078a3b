package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;

/**
 * The keyset queries behind the member list and "my groups", and the database's own guard
 * of one OWNER per group, on the real PostgreSQL schema (Flyway migrations). Every test
 * makes its own group and users, and rolls back.
 */
@DataJpaTest
class MemberRepositoryTest {

	private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

	@Autowired
	GroupRepository groups;

	@Autowired
	MemberRepository members;

	@Test
	void theMemberListPagesInJoinOrderWithoutDuplicatesOrGaps() {
		UUID groupId = newGroup("owner").id();
		List<Member> all = new ArrayList<>();
		// three share one instant: the user id breaks the tie
		all.add(member(groupId, "u-owner", Role.OWNER, T0));
		all.add(member(groupId, "u-c", Role.MEMBER, T0.plusSeconds(1)));
		all.add(member(groupId, "u-a", Role.MEMBER, T0.plusSeconds(1)));
		all.add(member(groupId, "u-b", Role.MEMBER, T0.plusSeconds(1)));
		all.add(member(groupId, "u-early", Role.ADMIN, T0.plus(1, ChronoUnit.MICROS)));
		all.add(member(groupId, "u-late", Role.MEMBER, T0.plusSeconds(60)));
		all.add(member(groupId, "u-last", Role.MEMBER, T0.plusSeconds(61)));
		members.saveAllAndFlush(all);
		members.saveAndFlush(member(newGroup("other").id(), "u-elsewhere", Role.MEMBER, T0.plusSeconds(2)));

		List<List<String>> pages = new ArrayList<>();
		List<Member> page = members.findPage(groupId, Limit.of(3));
		while (!page.isEmpty()) {
			pages.add(page.stream().map(Member::userId).toList());
			Member last = page.getLast();
			page = members.findPageAfter(groupId, last.joinedAt(), last.userId(), Limit.of(3));
		}

		assertThat(pages).containsExactly(List.of("u-owner", "u-early", "u-a"), List.of("u-b", "u-c", "u-late"),
				List.of("u-last"));
	}

	@Test
	void myGroupsPageByIdAndLeaveOutDeletedGroupsAndOtherPeoplesGroups() {
		String me = "me-" + UUID.randomUUID();
		List<UUID> mine = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Group group = newGroup("owner-" + i);
			members.save(member(group.id(), me, Role.MEMBER, T0));
			mine.add(group.id());
		}
		Group deleted = newGroup("gone");
		members.save(member(deleted.id(), me, Role.MEMBER, T0));
		deleted.delete(T0);
		newGroup("not-mine");
		members.flush(); // flushes the deletion as well
		mine.sort(Comparator.naturalOrder());

		List<UUID> seen = new ArrayList<>();
		List<GroupMembership> page = groups.findForMember(me, -1, new UUID(0, 0), false, T0, Limit.of(2));
		int pages = 0;
		while (!page.isEmpty()) {
			assertThat(page).hasSizeLessThanOrEqualTo(2);
			page.forEach(m -> seen.add(m.group().id()));
			page = groups.findForMember(me, 1, page.getLast().group().id(), false, T0, Limit.of(2));
			pages++;
		}

		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(mine);
	}

	@Test
	void theDatabaseRefusesASecondOwner() {
		UUID groupId = newGroup("owner").id();
		members.saveAndFlush(member(groupId, "first-owner", Role.OWNER, T0));

		assertThatThrownBy(() -> members.saveAndFlush(member(groupId, "second-owner", Role.OWNER, T0)))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void anotherGroupMayHaveItsOwnOwner() {
		members.saveAndFlush(member(newGroup("a").id(), "owner-a", Role.OWNER, T0));
		UUID other = newGroup("b").id();

		members.saveAndFlush(member(other, "owner-b", Role.OWNER, T0));

		assertThat(members.findPage(other, Limit.of(10))).extracting(Member::role).containsExactly(Role.OWNER);
	}

	private Group newGroup(String owner) {
		return groups.save(new Group(GroupKind.CHAT, "Group of " + owner, null, owner, 32, T0));
	}

	private static Member member(UUID groupId, String userId, Role role, Instant joinedAt) {
		return new Member(groupId, userId, role, joinedAt);
	}

}

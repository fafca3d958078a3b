package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.GroupUpdated;
import dev.groupchat.groups.GroupView;
import dev.groupchat.groups.HiddenMembersSource;
import dev.groupchat.groups.JoinPolicy;
import dev.groupchat.groups.PostPolicy;
import dev.groupchat.groups.Visibility;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The messaging module on its own, against the suite's real PostgreSQL
 * ({@code TestDatabaseInitializer}, registered in {@code META-INF/spring.factories}): a
 * {@link GroupUpdated} that renames a group becomes one SYSTEM message
 * {@code group.renamed} with the new name ({@link SystemMessages}); an update that keeps
 * the name writes none.
 *
 * <p>
 * Bootstrap mode {@code ALL_DEPENDENCIES}, no mocks: with {@code DIRECT_DEPENDENCIES} the
 * context does not start (the groups module's {@code Ownership} finds no identity
 * {@code UserProfiles} bean), and mocking it would only hide that. The closure is shared,
 * identity, groups and safety; realtime, moderation and the rest stay out. The group's
 * row is written with SQL: no public API of the groups module creates a group outside a
 * request, and the SYSTEM message takes its seq from that row.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class RenameSystemMessageModuleTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	History history;

	@Autowired
	Clock clock;

	@Test
	void aRenameIsToldInTheGroupAsASystemMessage(Scenario scenario) {
		UUID groupId = UUID.randomUUID();
		insertGroup(groupId, "Before");
		GroupUpdated describedOnly = new GroupUpdated(groupId, view(groupId, "Before"), "owner-1", "Before");
		GroupUpdated renamed = new GroupUpdated(groupId, view(groupId, "After"), "owner-1", "Before");

		scenario.stimulate((tx, events) -> {
			tx.executeWithoutResult(status -> {
				events.publishEvent(describedOnly);
				events.publishEvent(renamed);
			});
		})
			.andWaitAtMost(WAIT)
			.andWaitForStateChange(() -> history.between(groupId, 0, 10, 10))
			.andVerify(messages -> assertThat(messages).singleElement().satisfies(message -> {
				assertThat(message.type()).isEqualTo(MessageType.SYSTEM);
				assertThat(message.seq()).isEqualTo(1);
				assertThat(message.system()).isEqualTo(new SystemEvent("group.renamed", "owner-1", List.of(), "After"));
			}));
	}

	private void insertGroup(UUID groupId, String name) {
		jdbc.sql("""
				insert into chat_group (id, kind, name, owner_id, member_count, member_limit, join_policy,
				                        post_policy, visibility, created_at, updated_at)
				values (:id, 'CHAT', :name, 'owner-1', 0, 100, 'INVITE_ONLY', 'EVERYONE', 'PRIVATE', :now, :now)""")
			.param("id", groupId)
			.param("name", name)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	private GroupView view(UUID groupId, String name) {
		return new GroupView(groupId, GroupKind.CHAT, name, null, "owner-1", 0, JoinPolicy.INVITE_ONLY,
				PostPolicy.EVERYONE, 0, 100, Visibility.PRIVATE, 0, null, Instant.EPOCH, 0, false,
				HiddenMembersSource.AUTOMATIC);
	}

}

package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.groups.MemberBanned;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The moderation module on its own, against the suite's real PostgreSQL
 * ({@code TestDatabaseInitializer}, registered in {@code META-INF/spring.factories}): a
 * {@link MemberBanned} of the groups module becomes a {@code member.banned} row of the
 * audit log ({@link AuditLog}), with the actor, the target and the reason.
 *
 * <p>
 * Bootstrap mode {@code ALL_DEPENDENCIES}, no mocks: with {@code DIRECT_DEPENDENCIES} the
 * context does not start (the groups module's {@code Ownership} finds no identity
 * {@code UserProfiles} bean), and mocking it would only hide that. The closure is shared,
 * identity, groups, messaging and safety; realtime, webhooks, notifications and the rest
 * stay out.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class BanAuditModuleTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBanIsRecordedInTheGroupsAuditLog(Scenario scenario) {
		UUID groupId = UUID.randomUUID();
		String target = "troll-" + UUID.randomUUID();

		scenario.publish(new MemberBanned(groupId, target, "owner-1", "spam bot"))
			.andWaitAtMost(WAIT)
			.andWaitForStateChange(() -> auditRows(groupId, target))
			.andVerify(rows -> assertThat(rows).singleElement()
				.isEqualTo(new AuditRow("owner-1", "member.banned", target, "spam bot")));
	}

	private List<AuditRow> auditRows(UUID groupId, String targetId) {
		return jdbc.sql("""
				select actor_id, action, target_id, reason from audit_entry
				 where group_id = :groupId and target_id = :targetId order by id""")
			.param("groupId", groupId)
			.param("targetId", targetId)
			.query(AuditRow.class)
			.list();
	}

	/** The columns of an audit entry that a moderator reads. */
	record AuditRow(String actorId, String action, String targetId, String reason) {
	}

}

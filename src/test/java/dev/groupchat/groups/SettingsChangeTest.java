package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules of a member's own notification mute ({@link SettingsChange#mute}) without a
 * Spring context: absent keeps it, null ends it, "forever", an ISO-8601 time of at most
 * 40 characters, nothing else.
 */
class SettingsChangeTest {

	@Test
	void anAbsentMuteLeavesItANullOneEndsIt() {
		assertThat(change(null).mute()).isNull();
		assertThat(change(Optional.empty()).mute()).isEqualTo(new SettingsChange.Mute(null, false));
	}

	@Test
	void foreverMutesWithoutEnd() {
		assertThat(mute("forever")).isEqualTo(new SettingsChange.Mute(null, true));
	}

	@Test
	void anIsoTimeWithAnOffsetMutesUntilThatInstant() {
		assertThat(mute("2026-05-01T12:00:00+02:00"))
			.isEqualTo(new SettingsChange.Mute(Instant.parse("2026-05-01T10:00:00Z"), false));
	}

	@Test
	void fortyCharactersAreTheLongestTimeAccepted() {
		String forty = "+02026-05-01T12:00:00.123456789+02:00:00";
		String fortyOne = "+002026-05-01T12:00:00.123456789+02:00:00"; // the same time
		assertThat(forty).hasSize(40);
		assertThat(fortyOne).hasSize(41);
		assertThat(mute(forty).until()).isEqualTo(Instant.parse("2026-05-01T10:00:00.123456789Z"));
		assertRefused(fortyOne);
	}

	@Test
	void anythingElseIsRefused() {
		assertRefused("tomorrow");
		assertRefused("Forever");
		assertRefused("2026-05-01T12:00:00");
		assertRefused("");
	}

	private static SettingsChange.Mute mute(String value) {
		return change(Optional.of(value)).mute();
	}

	private static void assertRefused(String value) {
		assertThatThrownBy(() -> mute(value)).as(value)
			.isInstanceOfSatisfying(DomainException.class,
					ex -> assertThat(ex.problem()).isEqualTo(ProblemType.VALIDATION));
	}

	@SuppressWarnings("OptionalAssignedToNull")
	private static SettingsChange change(Optional<String> mute) {
		return new SettingsChange(null, mute, null, null);
	}

}

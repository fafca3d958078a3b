package dev.groupchat.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the service mirrors of a platform user: the claims of their latest token. */
@Entity
@Table(name = "user_profile")
class UserProfile {

	@Id
	private String id;

	private @Nullable String name;

	@Column(name = "fan_level")
	private int fanLevel;

	@Enumerated(EnumType.STRING)
	@Column(name = "age_band")
	private @Nullable AgeBand ageBand;

	@Column(name = "first_seen_at")
	private Instant firstSeenAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected UserProfile() {
	}

	String id() {
		return id;
	}

	@Nullable String name() {
		return name;
	}

	int fanLevel() {
		return fanLevel;
	}

	@Nullable AgeBand ageBand() {
		return ageBand;
	}

	Instant firstSeenAt() {
		return firstSeenAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}

}

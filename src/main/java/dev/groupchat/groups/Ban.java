package dev.groupchat.groups;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Keeps a user out of a group until lifted. */
@Entity
@Table(name = "group_ban")
class Ban {

	@EmbeddedId
	private MemberKey key;

	private String reason;

	@Column(name = "banned_by")
	private String bannedBy;

	@Column(name = "banned_at")
	private Instant bannedAt;

	protected Ban() {
	}

	Ban(UUID groupId, String userId, String reason, String bannedBy, Instant bannedAt) {
		this.key = new MemberKey(groupId, userId);
		this.reason = reason;
		this.bannedBy = bannedBy;
		this.bannedAt = bannedAt;
	}

	Instant bannedAt() {
		return bannedAt;
	}

	String userId() {
		return key.userId();
	}

	BanView view() {
		return new BanView(key.userId(), reason, bannedBy, bannedAt);
	}

}

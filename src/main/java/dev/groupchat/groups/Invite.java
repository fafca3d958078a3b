package dev.groupchat.groups;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An invite link: a code that lets people join, possibly until a time or a number of uses. */
@Entity
@Table(name = "group_invite")
class Invite {

	@Id
	private String code;

	@Column(name = "group_id")
	private UUID groupId;

	@Column(name = "created_by")
	private String createdBy;

	@Column(name = "max_uses")
	private Integer maxUses;

	private int uses;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "created_at")
	private Instant createdAt;

	protected Invite() {
	}

	Invite(String code, UUID groupId, String createdBy, Integer maxUses, Instant expiresAt, Instant now) {
		this.code = code;
		this.groupId = groupId;
		this.createdBy = createdBy;
		this.maxUses = maxUses;
		this.expiresAt = expiresAt;
		this.createdAt = now;
	}

	/** Counts one use, refusing an expired or used-up invite. Call with the row locked. */
	void use(Instant now) {
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw GroupProblems.inviteGone("has expired");
		}
		if (maxUses != null && uses >= maxUses) {
			throw GroupProblems.inviteGone("has been used up");
		}
		uses++;
	}

	UUID groupId() {
		return groupId;
	}

	InviteView view() {
		return new InviteView(code, groupId, expiresAt, maxUses, uses);
	}

}

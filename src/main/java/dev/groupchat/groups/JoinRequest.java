package dev.groupchat.groups;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request to join a group under {@link JoinPolicy#APPROVAL}, waiting for a moderator.
 */
@Entity
@Table(name = "join_request")
class JoinRequest {

	enum Status {

		PENDING, APPROVED, REJECTED

	}

	@EmbeddedId
	private MemberKey key;

	@Enumerated(EnumType.STRING)
	private Status status;

	@Column(name = "requested_at")
	private Instant requestedAt;

	@Column(name = "decided_by")
	private @Nullable String decidedBy;

	@Column(name = "decided_at")
	private @Nullable Instant decidedAt;

	/** The invite the request was made with, if any: the member is counted for it. */
	@Column(name = "invite_code")
	private @Nullable String inviteCode;

	protected JoinRequest() {
	}

	JoinRequest(UUID groupId, String userId, Instant now, @Nullable String inviteCode) {
		this.key = new MemberKey(groupId, userId);
		this.status = Status.PENDING;
		this.requestedAt = now;
		this.inviteCode = inviteCode;
	}

	@Nullable String inviteCode() {
		return inviteCode;
	}

	void renew(Instant now, @Nullable String inviteCode) {
		status = Status.PENDING;
		requestedAt = now;
		this.inviteCode = inviteCode;
		decidedBy = null;
		decidedAt = null;
	}

	void decide(boolean approve, String by, Instant now) {
		if (status != Status.PENDING) {
			throw GroupProblems.memberNotFound(key.userId());
		}
		status = approve ? Status.APPROVED : Status.REJECTED;
		decidedBy = by;
		decidedAt = now;
	}

	boolean isPending() {
		return status == Status.PENDING;
	}

	Instant requestedAt() {
		return requestedAt;
	}

	String userId() {
		return key.userId();
	}

	JoinRequestView view(@Nullable String name) {
		return new JoinRequestView(key.userId(), name, status.name(), requestedAt);
	}

}

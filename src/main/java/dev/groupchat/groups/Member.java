package dev.groupchat.groups;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One user's membership of one group: role, mute, read marker. */
@Entity
@Table(name = "group_member")
class Member {

	@EmbeddedId
	private MemberKey key;

	@Enumerated(EnumType.STRING)
	private Role role;

	@Column(name = "joined_at")
	private Instant joinedAt;

	@Column(name = "muted_until")
	private Instant mutedUntil;

	/** Moved by {@link ReadMarkers} and {@link Sequencer} in SQL; read-only here. */
	@Column(name = "last_read_seq", insertable = false, updatable = false)
	private long lastReadSeq;

	protected Member() {
	}

	Member(UUID groupId, String userId, Role role, Instant joinedAt) {
		this.key = new MemberKey(groupId, userId);
		this.role = role;
		this.joinedAt = joinedAt;
	}

	/** Changes the role; the owner's role only changes by a hand-over. */
	void changeRole(Role newRole) {
		if (role == Role.OWNER || newRole == Role.OWNER) {
			throw GroupProblems.ownerMustHandOver();
		}
		role = newRole;
	}

	void becomeOwner() {
		role = Role.OWNER;
	}

	void stepDownAsOwner() {
		role = Role.ADMIN;
	}

	void muteUntil(Instant until) {
		mutedUntil = until;
	}

	MemberView view(String name) {
		return new MemberView(key.userId(), name, role, joinedAt, mutedUntil);
	}

	UUID groupId() {
		return key.groupId();
	}

	String userId() {
		return key.userId();
	}

	Role role() {
		return role;
	}

	Instant joinedAt() {
		return joinedAt;
	}

	Instant mutedUntil() {
		return mutedUntil;
	}

}

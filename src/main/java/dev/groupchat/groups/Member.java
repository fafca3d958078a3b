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
	private @Nullable Instant mutedUntil;

	/** Moved by {@link ReadMarkers} and {@link Sequencer} in SQL; read-only here. */
	@Column(name = "last_read_seq", insertable = false, updatable = false)
	private long lastReadSeq;

	/** The invite the member joined with; written in SQL by {@link Admission}. */
	@Column(name = "invite_code", insertable = false, updatable = false)
	private @Nullable String inviteCode;

	/**
	 * Until when a newcomer is on probation; written in SQL by {@link Admission}. Ends
	 * with a promotion (only a MEMBER is ever on probation).
	 */
	@Column(name = "probation_until", insertable = false, updatable = false)
	private @Nullable Instant probationUntil;

	/** Null: the group kind's default. */
	@Enumerated(EnumType.STRING)
	private @Nullable NotifyLevel notify;

	@Column(name = "notifications_muted_until")
	private @Nullable Instant notificationsMutedUntil;

	@Column(name = "notifications_muted_forever")
	private boolean notificationsMutedForever;

	@Column(name = "pinned_at")
	private @Nullable Instant pinnedAt;

	@Column(name = "archived_at")
	private @Nullable Instant archivedAt;

	/** Read by the message writer in SQL when it stores this member's messages. */
	@Column(name = "shadow_muted")
	private boolean shadowMuted;

	/**
	 * Counted in the group's members of age band 16-17 when they joined; written in SQL
	 * by {@link Admission}.
	 */
	@Column(name = "minor", insertable = false, updatable = false)
	private boolean minor;

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

	void muteUntil(@Nullable Instant until) {
		mutedUntil = until;
	}

	/** Shadow-mutes or lifts it; answers whether that changed anything. */
	boolean shadowMute(boolean on) {
		boolean changed = shadowMuted != on;
		shadowMuted = on;
		return changed;
	}

	/** Applies the member's own change of their settings; absent fields stay. */
	void changeSettings(SettingsChange change, Instant now) {
		notify = change.notifyLevel() != null ? change.notifyLevel() : notify;
		SettingsChange.Mute mute = change.mute();
		if (mute != null) {
			notificationsMutedUntil = mute.until();
			notificationsMutedForever = mute.forever();
		}
		if (change.pinned() != null) {
			pinnedAt = change.pinned() ? (pinnedAt != null ? pinnedAt : now) : null;
		}
		if (change.archived() != null) {
			archivedAt = change.archived() ? now : null;
		}
	}

	boolean notificationsMuted(Instant now) {
		return notificationsMutedForever || (notificationsMutedUntil != null && notificationsMutedUntil.isAfter(now));
	}

	/**
	 * The settings as the member sees them. Archived holds until a message arrives after
	 * {@code archivedAt} while notifications are not muted: decided here, at read time,
	 * so that a send never writes to the rows of the members.
	 */
	MemberSettings settings(Group group, Instant now) {
		boolean muted = notificationsMuted(now);
		String mute = notificationsMutedForever ? MemberSettings.FOREVER
				: (muted && notificationsMutedUntil != null) ? notificationsMutedUntil.toString() : null;
		Instant lastMessageAt = group.lastMessageAt();
		boolean archived = archivedAt != null && (muted || lastMessageAt == null || !lastMessageAt.isAfter(archivedAt));
		return new MemberSettings(notify != null ? notify : NotifyLevel.defaultFor(group.kind()), mute,
				pinnedAt != null, pinnedAt, archived, archived ? archivedAt : null);
	}

	boolean countedAsMinor() {
		return minor;
	}

	long lastReadSeq() {
		return lastReadSeq;
	}

	/** As other members and live events show it: no shadow mute, no probation. */
	MemberView view(@Nullable String name) {
		return new MemberView(key.userId(), name, role, joinedAt, mutedUntil, null, null);
	}

	/** As the group's OWNER and ADMINs see it: with the shadow mute and the probation. */
	MemberView moderatorView(@Nullable String name, Instant now) {
		return new MemberView(key.userId(), name, role, joinedAt, mutedUntil, shadowMuted, probationAt(now));
	}

	/**
	 * As {@code viewerId} sees it: a moderator whole, the member themselves with their
	 * probation (never their shadow mute), anyone else as {@link #view}.
	 */
	MemberView viewFor(@Nullable String name, String viewerId, boolean moderator, Instant now) {
		if (moderator) {
			return moderatorView(name, now);
		}
		return key.userId().equals(viewerId) ? view(name).withProbationUntil(probationAt(now)) : view(name);
	}

	/** The end of a probation still running at {@code now}, else null. */
	private @Nullable Instant probationAt(Instant now) {
		return role == Role.MEMBER && probationUntil != null && probationUntil.isAfter(now) ? probationUntil : null;
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

	@Nullable Instant mutedUntil() {
		return mutedUntil;
	}

}

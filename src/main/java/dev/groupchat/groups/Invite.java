package dev.groupchat.groups;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An invite link: a code that lets people join, possibly until a time or a number of
 * uses.
 */
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
	private @Nullable Integer maxUses;

	private int uses;

	@Column(name = "expires_at")
	private @Nullable Instant expiresAt;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

	@Column(name = "revoked_by")
	private @Nullable String revokedBy;

	@Column(name = "paused_at")
	private @Nullable Instant pausedAt;

	@Column(name = "window_started_at")
	private @Nullable Instant windowStartedAt;

	@Column(name = "window_uses")
	private int windowUses;

	protected Invite() {
	}

	Invite(String code, UUID groupId, String createdBy, @Nullable Integer maxUses, @Nullable Instant expiresAt,
			Instant now) {
		this.code = code;
		this.groupId = groupId;
		this.createdBy = createdBy;
		this.maxUses = maxUses;
		this.expiresAt = expiresAt;
		this.createdAt = now;
	}

	/**
	 * Counts one use, refusing a revoked, expired, used-up or paused invite, and answers
	 * how many uses the current counting window of {@code window} has seen, this one
	 * included. A window opens with the first use after the previous one closed. Call
	 * with the row locked: then every node counts in the same window.
	 */
	int use(Instant now, Duration window) {
		if (revokedAt != null) {
			throw GroupProblems.inviteGone("has been revoked");
		}
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw GroupProblems.inviteGone("has expired");
		}
		if (maxUses != null && uses >= maxUses) {
			throw GroupProblems.inviteGone("has been used up");
		}
		if (pausedAt != null) {
			throw GroupProblems.invitePaused();
		}
		uses++;
		if (windowStartedAt == null || !now.isBefore(windowStartedAt.plus(window))) {
			windowStartedAt = now;
			windowUses = 0;
		}
		return ++windowUses;
	}

	/** Stops joins through it until {@link #resume}; pausing it again changes nothing. */
	void pause(Instant now) {
		if (pausedAt == null) {
			pausedAt = now;
		}
	}

	/**
	 * Lets joins through it again, counting from a fresh window; answers whether it was
	 * paused.
	 */
	boolean resume() {
		boolean wasPaused = pausedAt != null;
		pausedAt = null;
		windowStartedAt = null;
		windowUses = 0;
		return wasPaused;
	}

	/** Ends the invite for good; revoking it again changes nothing. */
	void revoke(String by, Instant now) {
		if (revokedAt == null) {
			revokedAt = now;
			revokedBy = by;
		}
	}

	/**
	 * Whether joining with it would count a use now (the creator's right is kept by
	 * revocation).
	 */
	boolean isValid(Instant now) {
		return revokedAt == null && pausedAt == null && (expiresAt == null || expiresAt.isAfter(now))
				&& (maxUses == null || uses < maxUses);
	}

	UUID groupId() {
		return groupId;
	}

	String code() {
		return code;
	}

	String createdBy() {
		return createdBy;
	}

	Instant createdAt() {
		return createdAt;
	}

	InviteView view(Instant now) {
		return view(now, 0);
	}

	InviteView view(Instant now, long members) {
		return new InviteView(code, groupId, createdBy, createdAt, expiresAt, maxUses, uses, isValid(now), members,
				pausedAt != null, pausedAt);
	}

}

package dev.groupchat.groups;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A group and its settings. Guards the member limit: {@link #admit()} is called with the
 * row locked, so concurrent joins can never exceed it.
 */
@Entity
@Table(name = "chat_group")
class Group {

	static final Set<Integer> SLOW_MODE_STEPS = Set.of(0, 5, 10, 30, 60, 300, 900, 3600);

	@Id
	@GeneratedValue
	@UuidGenerator(style = UuidGenerator.Style.VERSION_7)
	private UUID id;

	@Enumerated(EnumType.STRING)
	private GroupKind kind;

	private String name;

	private @Nullable String description;

	@Column(name = "owner_id")
	private String ownerId;

	@Column(name = "member_count")
	private int memberCount;

	@Column(name = "member_limit")
	private int memberLimit;

	@Enumerated(EnumType.STRING)
	@Column(name = "join_policy")
	private JoinPolicy joinPolicy;

	@Enumerated(EnumType.STRING)
	@Column(name = "post_policy")
	private PostPolicy postPolicy;

	@Column(name = "slow_mode_seconds")
	private int slowModeSeconds;

	@Enumerated(EnumType.STRING)
	private Visibility visibility;

	@Column(name = "min_fan_level")
	private int minFanLevel;

	/** Days messages are kept; null keeps them forever. */
	@Column(name = "retention_days")
	private @Nullable Integer retentionDays;

	/**
	 * Whether the member list is hidden from MEMBERs; null: automatic (see
	 * {@link #membersHidden}).
	 */
	@Column(name = "hidden_members")
	private @Nullable Boolean hiddenMembers;

	/** Members counted as in age band 16-17 when they joined ({@link Admission}). */
	@Column(name = "minor_members")
	private int minorMembers;

	@Column(name = "last_seq", insertable = false, updatable = false)
	private long lastSeq;

	/** Moved by {@link Sequencer} with last_seq; read-only here. */
	@Column(name = "last_message_at", insertable = false, updatable = false)
	private @Nullable Instant lastMessageAt;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "deleted_at")
	private @Nullable Instant deletedAt;

	protected Group() {
	}

	Group(GroupKind kind, String name, @Nullable String description, String ownerId, int memberLimit, Instant now) {
		this.kind = kind;
		this.name = name;
		this.description = description;
		this.ownerId = ownerId;
		this.memberLimit = memberLimit;
		this.joinPolicy = JoinPolicy.INVITE_ONLY;
		this.postPolicy = PostPolicy.EVERYONE;
		this.visibility = Visibility.PRIVATE;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * Counts one more member, refusing when the limit is reached. Call with the row
	 * locked.
	 */
	void admit() {
		if (memberCount >= memberLimit) {
			throw GroupProblems.full(memberLimit);
		}
		memberCount++;
	}

	void release() {
		memberCount = Math.max(0, memberCount - 1);
	}

	/** Counts one more member in age band 16-17 (after {@link #admit()}). */
	void admitMinor() {
		minorMembers++;
	}

	/** A member counted by {@link #admitMinor()} left. */
	void releaseMinor() {
		minorMembers = Math.max(0, minorMembers - 1);
	}

	/**
	 * Whether only the OWNER and ADMINs may see who is a member: as set, else (automatic)
	 * in a FAN group while any member is in age band 16-17.
	 */
	boolean membersHidden() {
		return hiddenMembers != null ? hiddenMembers : kind == GroupKind.FAN && minorMembers > 0;
	}

	/**
	 * Raid defence: joins become join requests from now on. Answers the join policy
	 * before (APPROVAL when it already was).
	 */
	JoinPolicy requireApproval(Instant now) {
		JoinPolicy previous = joinPolicy;
		if (previous != JoinPolicy.APPROVAL) {
			joinPolicy = JoinPolicy.APPROVAL;
			updatedAt = now;
		}
		return previous;
	}

	void apply(GroupSettings settings, int maxMemberLimit, Instant now) {
		settings.validate(this, maxMemberLimit);
		name = settings.name() != null ? settings.name() : name;
		description = settings.description() != null ? settings.description() : description;
		joinPolicy = settings.joinPolicy() != null ? settings.joinPolicy() : joinPolicy;
		postPolicy = settings.postPolicy() != null ? settings.postPolicy() : postPolicy;
		slowModeSeconds = settings.slowModeSeconds() != null ? settings.slowModeSeconds() : slowModeSeconds;
		memberLimit = settings.memberLimit() != null ? settings.memberLimit() : memberLimit;
		visibility = settings.visibility() != null ? settings.visibility() : visibility;
		minFanLevel = settings.minFanLevel() != null ? settings.minFanLevel() : minFanLevel;
		retentionDays = settings.retentionDays() != null ? settings.retentionDays().orElse(null) : retentionDays;
		hiddenMembers = settings.hiddenMembers() != null ? settings.hiddenMembers().orElse(null) : hiddenMembers;
		updatedAt = now;
	}

	void handOverTo(String newOwnerId, Instant now) {
		ownerId = newOwnerId;
		updatedAt = now;
	}

	void delete(Instant now) {
		deletedAt = now;
		memberCount = 0;
		minorMembers = 0;
	}

	boolean isReadableByAnyone() {
		return kind == GroupKind.FAN && visibility == Visibility.PUBLIC;
	}

	GroupView view() {
		return new GroupView(id, kind, name, description, ownerId, memberCount, joinPolicy, postPolicy, slowModeSeconds,
				memberLimit, visibility, minFanLevel, retentionDays, createdAt, lastSeq, membersHidden(),
				hiddenMembers == null ? HiddenMembersSource.AUTOMATIC : HiddenMembersSource.SETTING);
	}

	@Nullable Instant lastMessageAt() {
		return lastMessageAt;
	}

	UUID id() {
		return id;
	}

	GroupKind kind() {
		return kind;
	}

	String ownerId() {
		return ownerId;
	}

	int memberCount() {
		return memberCount;
	}

	int memberLimit() {
		return memberLimit;
	}

	JoinPolicy joinPolicy() {
		return joinPolicy;
	}

	Visibility visibility() {
		return visibility;
	}

	int minFanLevel() {
		return minFanLevel;
	}

	boolean isDeleted() {
		return deletedAt != null;
	}

}

package dev.groupchat.groups;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.UUID;

/** Identity of a membership, a ban or a join request: one user in one group. */
@Embeddable
record MemberKey(@Column(name = "group_id") UUID groupId,
		@Column(name = "user_id") String userId) implements Serializable {
}

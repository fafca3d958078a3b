package dev.groupchat.groups;

import dev.groupchat.identity.UserId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What it takes to create a group; the caller becomes its OWNER. */
record NewGroup(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description, @NotNull GroupKind kind,
		@Size(max = 200) List<@NotBlank @UserId String> memberIds) {

	public NewGroup {
		memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
	}

}

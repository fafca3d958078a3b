package dev.groupchat.groups;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What it takes to create a group; the caller becomes its OWNER. */
public record NewGroup(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description,
		@NotNull GroupKind kind, @Size(max = 200) List<@NotBlank @Size(max = 64) String> memberIds) {

	public NewGroup {
		memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
	}

}

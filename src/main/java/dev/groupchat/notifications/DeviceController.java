package dev.groupchat.notifications;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/devices")
@Tag(name = "Devices")
class DeviceController {

	private final Devices devices;

	DeviceController(Devices devices) {
		this.devices = devices;
	}

	@PutMapping("/{deviceId}")
	@Operation(summary = "Register a push device (201) or replace its token (200); at most 10 per user (409)")
	ResponseEntity<DeviceView> put(CurrentUser user, @PathVariable String deviceId,
			@Valid @RequestBody DeviceRequest request) {
		DeviceStore.Saved saved = devices.register(user.id(), deviceId, request);
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.device());
	}

	@GetMapping
	@Operation(summary = "The caller's push devices, oldest first (tokens are not shown)")
	CursorPage<DeviceView> list(CurrentUser user) {
		return new CursorPage<>(devices.list(user.id()), null);
	}

	@DeleteMapping("/{deviceId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a push device")
	void delete(CurrentUser user, @PathVariable String deviceId) {
		devices.remove(user.id(), deviceId);
	}

}

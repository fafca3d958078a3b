package dev.groupchat.notifications;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A device to register: its platform, the provider's token (the gateway's pushkey, the
 * FCM registration token, the APNs device token) and its locale.
 */
record DeviceRequest(@Schema(description = "GATEWAY: notified through the Matrix push gateway when one is "
		+ "configured; FCM: through FCM HTTP v1 when FCM is configured; APNS: through APNs when APNs is configured") @NotNull Platform platform,
		@Schema(description = "The gateway's pushkey, the FCM registration token or the APNs device token (hex)") @NotNull @Pattern(
				regexp = "[\\x21-\\x7e]{1,1024}",
				message = "must be 1 to 1024 printable ASCII characters") String token,
		@Size(min = 1, max = 35) @Pattern(regexp = "[A-Za-z0-9-]+",
				message = "must be a BCP 47 language tag") String locale) {
}

package dev.groupchat.notifications;

import dev.groupchat.shared.DomainException;

/** The refusals of this module. */
final class NotificationProblems {

	private NotificationProblems() {
	}

	static DomainException tooManyDevices(int max) {
		return DomainException.conflict("a user has at most " + max + " devices; delete one first");
	}

	static DomainException badDeviceId() {
		return DomainException.invalid("deviceId must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
	}

	static DomainException deviceNotFound(String deviceId) {
		return DomainException.notFound("device", deviceId);
	}

}

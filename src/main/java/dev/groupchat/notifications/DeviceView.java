package dev.groupchat.notifications;

import java.time.Instant;

/** A registered device as its owner sees it; the token is never echoed. */
record DeviceView(String deviceId, Platform platform, String locale, Instant createdAt, Instant updatedAt) {
}

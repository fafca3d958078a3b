package dev.groupchat.notifications;

/**
 * Where a device's token is valid. Only GATEWAY devices are notified today (see README).
 */
enum Platform {

	FCM, APNS, GATEWAY

}

package dev.groupchat.notifications;

/**
 * Where a device's token is valid. GATEWAY devices go through the push gateway, FCM
 * devices through FCM HTTP v1; APNS devices are not notified yet (see README).
 */
enum Platform {

	FCM, APNS, GATEWAY

}

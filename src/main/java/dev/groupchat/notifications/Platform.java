package dev.groupchat.notifications;

/**
 * Where a device's token is valid. GATEWAY devices go through the push gateway, FCM
 * devices through FCM HTTP v1, APNS devices through APNs' HTTP/2 API.
 */
enum Platform {

	FCM, APNS, GATEWAY

}

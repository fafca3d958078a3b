package dev.groupchat.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Push notifications.
 *
 * @param gatewayUrl the Matrix-style push gateway's notify URL
 * ({@code …/_matrix/push/v1/notify}); blank leaves GATEWAY devices unnotified
 * @param fcm Firebase Cloud Messaging (HTTP v1) for FCM devices
 * @param apns Apple Push Notification service (HTTP/2, token-based) for APNS devices
 * @param appId the {@code app_id} sent with each device
 * @param maxDevicesPerUser devices one user may register
 * @param pollInterval how often an idle worker looks for work
 * @param expandBatch members read per expansion step (keyset page)
 * @param expandRows the oldest outbox rows (messages) one expansion step claims, with the
 * waiting rows of their groups up to ten times as many
 * @param sendBatch deliveries claimed per send step
 * @param concurrency requests of a send step in flight at once
 * @param maxAttempts tries per delivery before it is marked FAILED
 * @param initialBackoff wait before the first retry; doubled per attempt, with full
 * jitter
 * @param maxBackoff longest wait between tries
 * @param requestTimeout longest a gateway request may take
 * @param previewLength characters of message text in a notification
 * @param gatewayPerSecond most pushes this node sends to the gateway per second (bursts
 * of a second's worth); 0: as fast as it answers
 * @param busyShare the most of its time the worker spends expanding and sending while
 * sends are waiting to be stored on this node (it rests in between); 1: never rests
 */
@Validated
@ConfigurationProperties("groupchat.push")
record PushProperties(@Nullable URI gatewayUrl, @DefaultValue @Valid Fcm fcm, @DefaultValue @Valid Apns apns,
		@DefaultValue("dev.groupchat") String appId, @DefaultValue("10") @Min(1) int maxDevicesPerUser,
		@DefaultValue("500ms") @DurationMin(nanos = 1) Duration pollInterval,
		@DefaultValue("500") @Min(1) int expandBatch, @DefaultValue("100") @Min(1) int expandRows,
		@DefaultValue("50") @Min(1) int sendBatch, @DefaultValue("16") @Min(1) int concurrency,
		@DefaultValue("8") @Min(1) int maxAttempts, @DefaultValue("1s") @DurationMin(nanos = 1) Duration initialBackoff,
		@DefaultValue("10m") @DurationMin(nanos = 1) Duration maxBackoff,
		@DefaultValue("5s") @DurationMin(nanos = 1) Duration requestTimeout,
		@DefaultValue("100") @Min(1) int previewLength, @DefaultValue("0") @Min(0) int gatewayPerSecond,
		@DefaultValue("0.25") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double busyShare) {

	/**
	 * FCM HTTP v1.
	 *
	 * @param credentials a Google service-account JSON file; unset leaves FCM devices
	 * unnotified
	 * @param projectId the Firebase project, when not the service account's
	 * {@code project_id}
	 * @param url where the FCM API answers
	 * @param perSecond most messages this node sends to FCM per second (bursts of a
	 * second's worth); 0: as fast as it answers
	 */
	record Fcm(@Nullable Path credentials, @Nullable String projectId,
			@DefaultValue("https://fcm.googleapis.com") URI url, @DefaultValue("0") @Min(0) int perSecond) {

		boolean configured() {
			return credentials != null && !credentials.toString().isBlank();
		}

	}

	/**
	 * APNs over HTTP/2 with a provider token (JWT, ES256).
	 *
	 * @param key the {@code .p8} file (PKCS#8 EC private key) from Apple's developer
	 * account; unset leaves APNS devices unnotified
	 * @param keyId the key's id (the JWT's {@code kid})
	 * @param teamId the developer team (the JWT's {@code iss})
	 * @param topic the app's bundle id ({@code apns-topic})
	 * @param url where APNs answers: production, or
	 * {@code https://api.sandbox.push.apple.com} for development builds
	 * @param perSecond most notifications this node sends to APNs per second (bursts of a
	 * second's worth); 0: as fast as it answers
	 * @param trustStore a PKCS12 trust store for APNs' TLS certificate (tests, private
	 * proxies); unset trusts the JDK's certificate authorities
	 * @param trustStorePassword the trust store's password
	 */
	record Apns(@Nullable Path key, @Nullable String keyId, @Nullable String teamId, @Nullable String topic,
			@DefaultValue("https://api.push.apple.com") URI url, @DefaultValue("0") @Min(0) int perSecond,
			@Nullable Path trustStore, @Nullable String trustStorePassword) {

		boolean configured() {
			return key != null && !key.toString().isBlank();
		}

	}

	boolean gatewayConfigured() {
		return gatewayUrl != null && !gatewayUrl.toString().isBlank();
	}

	/** Whether any provider is configured: the workers run. */
	boolean enabled() {
		return gatewayConfigured() || fcm.configured() || apns.configured();
	}

	/** The platforms this node can notify. */
	List<String> platforms() {
		List<String> platforms = new ArrayList<>();
		if (gatewayConfigured()) {
			platforms.add(Platform.GATEWAY.name());
		}
		if (fcm.configured()) {
			platforms.add(Platform.FCM.name());
		}
		if (apns.configured()) {
			platforms.add(Platform.APNS.name());
		}
		return platforms;
	}

}

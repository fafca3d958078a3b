package dev.groupchat.notifications;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push notifications.
 *
 * @param gatewayUrl the Matrix-style push gateway's notify URL
 * ({@code …/_matrix/push/v1/notify}); blank turns delivery off (outbox rows are then
 * consumed without sending)
 * @param appId the {@code app_id} sent with each device
 * @param maxDevicesPerUser devices one user may register
 * @param pollInterval how often an idle worker looks for work
 * @param expandBatch members read per expansion step (keyset page)
 * @param expandRows outbox rows (messages) one expansion step claims
 * @param sendBatch deliveries claimed per send step
 * @param maxAttempts tries per delivery before it is marked FAILED
 * @param initialBackoff wait before the first retry; doubled per attempt, with full
 * jitter
 * @param maxBackoff longest wait between tries
 * @param requestTimeout longest a gateway request may take
 * @param previewLength characters of message text in a notification
 */
@ConfigurationProperties("groupchat.push")
record PushProperties(URI gatewayUrl, @DefaultValue("dev.groupchat") String appId,
		@DefaultValue("10") int maxDevicesPerUser, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("500") int expandBatch, @DefaultValue("100") int expandRows, @DefaultValue("50") int sendBatch,
		@DefaultValue("8") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
		@DefaultValue("10m") Duration maxBackoff, @DefaultValue("5s") Duration requestTimeout,
		@DefaultValue("100") int previewLength) {

	boolean enabled() {
		return gatewayUrl != null && !gatewayUrl.toString().isBlank();
	}

}

package dev.groupchat.notifications;

import dev.groupchat.shared.CustomPlans;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends due deliveries, each through its platform's provider (the push gateway, FCM or
 * APNs). A step claims them with {@code FOR UPDATE SKIP LOCKED} (so nodes never send the
 * same row), only those of the providers this node has, and ends each in the same
 * transaction: sent rows are deleted, a retry is scheduled with exponential backoff and
 * jitter, a permanent failure stays as FAILED for operators. A message recalled before
 * its notification went out is not notified at all.
 */
@Component
class PushSender {

	private final JdbcClient jdbc;

	private final GatewayClient gateway;

	private final FcmClient fcm;

	private final ApnsClient apns;

	private final DeviceStore devices;

	private final PushProperties properties;

	private final Clock clock;

	private final PushMetrics metrics;

	private final PushThrottle throttle;

	PushSender(JdbcClient jdbc, GatewayClient gateway, FcmClient fcm, ApnsClient apns, DeviceStore devices,
			PushProperties properties, Clock clock, PushMetrics metrics, PushThrottle throttle) {
		this.apns = apns;
		this.throttle = throttle;
		this.jdbc = jdbc;
		this.gateway = gateway;
		this.fcm = fcm;
		this.devices = devices;
		this.properties = properties;
		this.clock = clock;
		this.metrics = metrics;
	}

	/** A claimed delivery with what its notification shows. */
	record Due(long id, UUID groupId, long seq, String userId, String deviceId, Platform platform, long unread,
			int attempts, String token, Instant tokenAt, UUID messageId, String senderId, String senderName,
			String text, String type, String groupName, boolean recalled) {
	}

	/**
	 * Sends one batch of due deliveries; answers how many it settled (0 when there was
	 * nothing, or the providers' rates are used up for now: the loop then rests).
	 */
	@Transactional
	int step() {
		List<String> platforms = throttle.open(properties.platforms());
		if (platforms.isEmpty()) {
			return 0;
		}
		// the pending pushes go from none to 100,000 in seconds: see CustomPlans
		CustomPlans.forThisTransaction(jdbc);
		int settled = 0;
		List<Long> done = new ArrayList<>();
		List<Due> sending = new ArrayList<>();
		for (Due delivery : claim(platforms)) {
			if (delivery.recalled()) {
				done.add(delivery.id());
				settled++;
			}
			else if (throttle.take(delivery.platform())) {
				sending.add(delivery);
			}
			// else: over the provider's rate; stays queued for a later step
		}
		List<PushAnswer> answers = sendAll(sending);
		for (int i = 0; i < sending.size(); i++) {
			if (settle(sending.get(i), answers.get(i))) {
				done.add(sending.get(i).id());
			}
			settled++;
		}
		if (!done.isEmpty()) {
			// sent, gone or recalled: one statement for the batch, not one per delivery
			jdbc.sql("delete from push_delivery where id = any(:ids)").param("ids", done.toArray(Long[]::new)).update();
		}
		return settled;
	}

	/**
	 * The requests of a batch, {@code concurrency} at a time on virtual threads: a
	 * provider that takes 50 ms per request would allow 20 pushes a second one by one.
	 * Their answers are settled afterwards on this thread, in the step's transaction.
	 */
	private List<PushAnswer> sendAll(List<Due> batch) {
		if (batch.size() <= 1 || properties.concurrency() <= 1) {
			return batch.stream().map(this::send).toList();
		}
		Semaphore slots = new Semaphore(properties.concurrency());
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<PushAnswer>> futures = new ArrayList<>();
			for (Due delivery : batch) {
				futures.add(threads.submit(() -> {
					slots.acquire();
					try {
						return send(delivery);
					}
					finally {
						slots.release();
					}
				}));
			}
			List<PushAnswer> answers = new ArrayList<>();
			for (Future<PushAnswer> future : futures) {
				answers.add(answer(future));
			}
			return answers;
		}
	}

	private static PushAnswer answer(Future<PushAnswer> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new PushAnswer.Retry("interrupted", OptionalLong.empty());
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			return new PushAnswer.Retry(cause.getClass().getSimpleName(), OptionalLong.empty());
		}
	}

	private PushAnswer send(Due delivery) {
		return switch (delivery.platform()) {
			case FCM -> fcm.send(delivery);
			case APNS -> apns.send(delivery);
			case GATEWAY ->
				gateway.notify(PushBody.of(delivery, properties), delivery.messageId() + "/" + delivery.deviceId());
		};
	}

	/**
	 * Claims due deliveries of the platforms this node can send: a node without FCM
	 * leaves FCM deliveries to the nodes that have it.
	 */
	private List<Due> claim(List<String> platforms) {
		// the due rows first, through their index in order: joined with the message and
		// the group before the limit, a fresh table without statistics was planned as a
		// join of every queued row and a sort (386 ms a step with 65,000 queued, 7 ms
		// this way)
		return jdbc.sql("""
				with due as materialized (
				    select d.id from push_delivery d
				      join push_device pd on pd.user_id = d.user_id and pd.device_id = d.device_id
				     where d.status = 'QUEUED' and d.next_attempt_at <= :now and pd.platform = any(:platforms)
				     order by d.next_attempt_at limit :limit
				       for update of d skip locked)
				select d.id, d.group_id, d.seq, d.user_id, d.device_id, pd.platform, d.unread, d.attempts, pd.token,
				       pd.updated_at,
				       m.id, m.sender_id, p.name, m.text, m.type, g.name, m.deleted_at is not null
				  from due
				  join push_delivery d on d.id = due.id
				  join push_device pd on pd.user_id = d.user_id and pd.device_id = d.device_id
				  join message m on m.group_id = d.group_id and m.seq = d.seq
				  join chat_group g on g.id = d.group_id
				  left join user_profile p on p.id = m.sender_id""")
			.param("now", Timestamp.from(clock.instant()))
			.param("limit", properties.sendBatch())
			.param("platforms", platforms.toArray(String[]::new))
			.query((rs, n) -> new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4),
					rs.getString(5), Platform.valueOf(rs.getString(6)), rs.getLong(7), rs.getInt(8), rs.getString(9),
					rs.getTimestamp(10).toInstant(), rs.getObject(11, UUID.class), rs.getString(12), rs.getString(13),
					rs.getString(14), rs.getString(15), rs.getString(16), rs.getBoolean(17)))
			.list();
	}

	/** Records the answer; true when the delivery is finished and its row can go. */
	private boolean settle(Due delivery, PushAnswer answer) {
		switch (answer) {
			case PushAnswer.Sent sent -> {
				metrics.sent();
				if (!sent.rejected().isEmpty()) {
					metrics.rejected(devices.deleteRejected(Platform.GATEWAY, sent.rejected()));
				}
				return true;
			}
			case PushAnswer.Gone gone -> {
				// by token: a device that registered a new token meanwhile stays
				metrics.rejected(devices.deleteRejected(delivery.platform(), List.of(delivery.token())));
				return true;
			}
			case PushAnswer.Retry retry when delivery.attempts() + 1 < properties.maxAttempts() -> {
				Duration wait = backoff(delivery.attempts() + 1, retry.retryAfterSeconds().orElse(0));
				jdbc.sql("""
						update push_delivery set attempts = attempts + 1, next_attempt_at = :at, last_error = :error
						 where id = :id""")
					.param("at", Timestamp.from(clock.instant().plus(wait)))
					.param("error", retry.reason())
					.param("id", delivery.id())
					.update();
				metrics.retried(retry.reason());
				return false;
			}
			case PushAnswer.Retry retry -> fail(delivery, retry.reason());
			case PushAnswer.Failed failed -> fail(delivery, failed.reason());
		}
		return false;
	}

	private void fail(Due delivery, String reason) {
		jdbc.sql(
				"update push_delivery set attempts = attempts + 1, status = 'FAILED', last_error = :error where id = :id")
			.param("error", reason)
			.param("id", delivery.id())
			.update();
		metrics.failed(reason);
	}

	/**
	 * initial * 2^(attempt-1), at most max, then a random point in its upper half; never
	 * before Retry-After.
	 */
	Duration backoff(int attempt, long retryAfterSeconds) {
		long ceiling = Math.min(properties.maxBackoff().toMillis(),
				properties.initialBackoff().toMillis() << Math.min(attempt - 1, 30));
		long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
		return Duration.ofMillis(Math.max(jittered, retryAfterSeconds * 1000));
	}

}

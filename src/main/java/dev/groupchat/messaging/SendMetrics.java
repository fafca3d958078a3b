package dev.groupchat.messaging;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a send costs and why sends are refused, by transport:
 * {@code groupchat_send_ack_seconds} (receipt of the send to its acknowledgement, with
 * SLO buckets so percentiles aggregate across nodes) and
 * {@code groupchat_sends_refused_total{reason}}. Each transport records at its edge,
 * where both the start and the answer are known. All meters are built once.
 */
@Component
public class SendMetrics {

	/** How a send arrived. */
	public enum Transport {

		REST, STOMP

	}

	/** Why a send was refused: a fixed, low-cardinality set. */
	public enum Refusal {

		UNAUTHORIZED, FORBIDDEN, MUTED, SLOW_MODE, RATE_LIMIT, FILTER, VALIDATION, BUSY,
		/** A link or media from a member on probation (403 {@code probation}). */
		PROBATION,
		/**
		 * The database did not answer, or the node is shutting down (503: the client
		 * retries).
		 */
		UNAVAILABLE,
		/** Not a refusal but a failure of the server (5xx). */
		ERROR;

		/**
		 * The refusal an answer with {@code status} stands for, when nothing more precise
		 * is known.
		 */
		static Refusal of(int status) {
			return switch (status) {
				case 401 -> UNAUTHORIZED;
				case 403, 404 -> FORBIDDEN;
				case 422 -> FILTER;
				case 429 -> RATE_LIMIT;
				case 503 -> UNAVAILABLE;
				default -> status >= 500 ? ERROR : VALIDATION;
			};
		}

	}

	static final Duration[] SLOS = { Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
			Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(2) };

	private final Map<Transport, Timer> acks = new EnumMap<>(Transport.class);

	private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);

	SendMetrics(MeterRegistry registry) {
		for (Transport transport : Transport.values()) {
			acks.put(transport,
					Timer.builder("groupchat.send.ack")
						.description("From receiving a send to acknowledging it as stored")
						.tag("transport", transport.name().toLowerCase(Locale.ROOT))
						.publishPercentileHistogram()
						.serviceLevelObjectives(SLOS)
						.minimumExpectedValue(Duration.ofMillis(1))
						.maximumExpectedValue(Duration.ofSeconds(10))
						.register(registry));
		}
		for (Refusal refusal : Refusal.values()) {
			refusals.put(refusal,
					Counter.builder("groupchat.sends.refused")
						.description("Sends answered with a problem instead of a stored message, by reason")
						.tag("reason", refusal.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
	}

	/**
	 * A send that started at {@code startNanos} ({@link System#nanoTime()}) was
	 * acknowledged now.
	 */
	public void acked(Transport transport, long startNanos) {
		Objects.requireNonNull(acks.get(transport)).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	public void refused(Refusal refusal) {
		Objects.requireNonNull(refusals.get(refusal)).increment();
	}

	/** Counts a send refused with {@code problem}. */
	public void refused(DomainException problem) {
		refused(classify(problem, problem.problem().status()));
	}

	/**
	 * The reason of a refusal: the writer's own reasons where it gave one, else the
	 * answer's status.
	 */
	public static Refusal classify(@Nullable Throwable problem, HttpStatus status) {
		if (problem instanceof SendRefused refused) {
			return refused.reason();
		}
		if (problem instanceof DomainException domain && domain.problem() == ProblemType.PROBATION) {
			return Refusal.PROBATION;
		}
		return Refusal.of(status.value());
	}

}

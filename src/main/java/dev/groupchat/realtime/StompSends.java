package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.ReadMarkers;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.Messaging;
import dev.groupchat.messaging.PostMessage;
import dev.groupchat.messaging.SendMetrics;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.LogContext;
import dev.groupchat.shared.NulCharacterException;
import dev.groupchat.shared.ProblemType;
import dev.groupchat.shared.Problems;
import dev.groupchat.shared.Traces;
import io.micrometer.tracing.Span;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * SEND to {@code /app/group.{id}.send|typing|read}. A send is stored by the same
 * {@link Messaging#post} as REST and answered on {@code /user/queue/acks}: OK with the
 * message, or ERROR with the problem, always carrying the clientMsgId. The sender is
 * always the session's user.
 */
@Component
class StompSends {

	private static final Logger log = LoggerFactory.getLogger(StompSends.class);

	private final Messaging messaging;

	private final ReadMarkers readMarkers;

	private final GroupAccess access;

	private final EventBus bus;

	private final UserQueues users;

	private final EventJson json;

	private final Validator validator;

	/**
	 * Sends being stored or answered right now; shutdown waits for them before closing
	 * sessions.
	 */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final SendMetrics metrics;

	private final Traces traces;

	StompSends(Messaging messaging, ReadMarkers readMarkers, GroupAccess access, EventBus bus, UserQueues users,
			EventJson json, Validator validator, SendMetrics metrics, Traces traces) {
		this.traces = traces;
		this.metrics = metrics;
		this.messaging = messaging;
		this.readMarkers = readMarkers;
		this.access = access;
		this.bus = bus;
		this.users = users;
		this.json = json;
		this.validator = validator;
	}

	void send(StompSession session, StompHeaderAccessor headers, byte[] body) {
		Destinations.App app = Destinations.app(headers.getDestination())
			.orElseThrow(() -> new StompRefusal(403, "cannot send to " + headers.getDestination()));
		LogContext.put(LogContext.GROUP_ID, app.groupId().toString());
		switch (app.action()) {
			case "send" -> {
				inFlight.incrementAndGet();
				try {
					traced(session, app, body);
				}
				finally {
					inFlight.decrementAndGet();
				}
			}
			case "typing" -> typing(session, app);
			default -> read(session, app, body);
		}
	}

	/**
	 * Posts inside a {@code groupchat.stomp.send} span (the root of the send's trace)
	 * when tracing.
	 */
	private void traced(StompSession session, Destinations.App app, byte[] body) {
		Span span = traces.startRoot("groupchat.stomp.send");
		if (span == null) {
			post(session, app, body);
		}
		else {
			traces.inSpan(span, () -> post(session, app, body));
		}
	}

	private void post(StompSession session, Destinations.App app, byte[] body) {
		long start = System.nanoTime();
		@Nullable String clientMsgId = null;
		try {
			JsonNode tree = json.read(body, JsonNode.class);
			clientMsgId = tree.path("clientMsgId").isString() ? tree.path("clientMsgId").asString() : null;
			PostMessage message = json.read(body, PostMessage.class);
			if (message == null) {
				throw new DomainException(ProblemType.MALFORMED, "The body must be a JSON object of a message");
			}
			validate(message);
			Messaging.Posted posted = messaging.post(StompSession.connectedUser(session), app.groupId(), message);
			ack(session, clientMsgId, "OK", "message", posted.message());
			metrics.acked(SendMetrics.Transport.STOMP, start);
		}
		catch (NulCharacterException ex) {
			metrics.refused(SendMetrics.Refusal.VALIDATION);
			ack(session, clientMsgId, "ERROR", "problem", Problems.of(ex.toProblem()));
		}
		catch (JacksonException ex) {
			metrics.refused(SendMetrics.Refusal.VALIDATION);
			ack(session, clientMsgId, "ERROR", "problem",
					Problems.of(ProblemType.MALFORMED, "The body is not valid JSON of a message"));
		}
		catch (DomainException ex) {
			metrics.refused(ex);
			ack(session, clientMsgId, "ERROR", "problem", Problems.of(ex));
		}
		catch (RuntimeException ex) {
			metrics.refused(SendMetrics.Refusal.ERROR);
			log.error("Unexpected failure of a STOMP send by {}", StompSession.connectedUser(session).id(), ex);
			ack(session, clientMsgId, "ERROR", "problem",
					Problems.of(ProblemType.INTERNAL, "The message could not be stored; it has been logged."));
		}
	}

	/**
	 * Waits, at most {@code timeout}, until no send is being stored or answered; answers
	 * whether none is.
	 */
	boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (inFlight.get() > 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(2_000_000);
		}
		return true;
	}

	private void validate(PostMessage message) {
		Set<ConstraintViolation<PostMessage>> violations = validator.validate(message);
		if (!violations.isEmpty()) {
			List<Map<String, String>> errors = violations.stream()
				.map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
				.toList();
			throw new DomainException(ProblemType.VALIDATION, "One or more fields are invalid",
					Map.of("errors", errors));
		}
	}

	private void ack(StompSession session, @Nullable String clientMsgId, String status, String field, Object value) {
		Map<String, Object> ack = new LinkedHashMap<>();
		ack.put("clientMsgId", clientMsgId);
		ack.put("status", status);
		ack.put(field, value);
		users.send(session, UserQueues.ACKS, json.write(ack));
		log.debug("STOMP send answered {}", status);
	}

	/**
	 * Typing beyond the session's rate is dropped: it is ephemeral, and the next one says
	 * the same.
	 */
	private void typing(StompSession session, Destinations.App app) {
		CurrentUser user = StompSession.connectedUser(session);
		GroupAccess.Standing standing = access.cachedStanding(app.groupId(), user.id());
		if (!standing.isMember()) {
			throw new StompRefusal(403, "only members may type in this group");
		}
		if (!session.typingAllowed() || standing.shadowMuted()) {
			// a shadow-muted member's typing would announce messages nobody sees
			return;
		}
		bus.publish(BusEvent.toGroup(app.groupId(), 0,
				json.event("typing", app.groupId(), "userId", user.id(), "name", user.name()), user.id(), null));
	}

	private void read(StompSession session, Destinations.App app, byte[] body) {
		long seq;
		try {
			JsonNode seqNode = json.read(body, JsonNode.class).path("seq");
			if (!seqNode.canConvertToLong()) {
				throw new StompRefusal(400, "read needs a body {\"seq\": N}");
			}
			seq = seqNode.asLong();
		}
		catch (JacksonException ex) {
			throw new StompRefusal(400, "read needs a body {\"seq\": N}");
		}
		if (!session.readAllowed()) {
			// beyond the session's rate, dropped: markers only move forward, the client's
			// next read catches up
			return;
		}
		try {
			readMarkers.markRead(StompSession.connectedUser(session), app.groupId(), seq);
		}
		catch (DomainException ex) {
			throw new StompRefusal(ex.problem().status().value(), String.valueOf(ex.getMessage()));
		}
	}

}

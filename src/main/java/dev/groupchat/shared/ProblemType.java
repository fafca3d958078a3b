package dev.groupchat.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of refusal the API can answer with. The {@link #type()} URI is part of the
 * client contract: clients branch on it, so a constant here is never renamed.
 */
public enum ProblemType {

	VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid request"),
	MALFORMED("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
	WEBHOOK_URL_REFUSED("webhook-url-refused", HttpStatus.BAD_REQUEST, "Webhook URL not allowed"),
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
	BANNED("banned", HttpStatus.FORBIDDEN, "Banned from this group"),
	FAN_LEVEL_TOO_LOW("fan-level-too-low", HttpStatus.FORBIDDEN, "Fan level too low"),
	AGE_RESTRICTED("age-restricted", HttpStatus.FORBIDDEN, "Not available for this age band"),
	NOT_POSTING_ALLOWED("posting-not-allowed", HttpStatus.FORBIDDEN, "Not allowed to post"),
	PROBATION("probation", HttpStatus.FORBIDDEN, "New member on probation"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
	GROUP_FULL("group-full", HttpStatus.CONFLICT, "Group is full"),
	INVITE_INVALID("invite-invalid", HttpStatus.GONE, "Invite no longer valid"),
	INVITE_PAUSED("invite-paused", HttpStatus.CONFLICT, "Invite paused"),
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	MESSAGE_BLOCKED("message-blocked", HttpStatus.UNPROCESSABLE_CONTENT, "Blocked by the group's keyword filter"),
	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
	UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	/** Base of every problem {@code type} URI; documented in the README. */
	public static final String BASE = "https://groupchat.dev/problems/";

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	public URI type() {
		return URI.create(BASE + slug);
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}

}

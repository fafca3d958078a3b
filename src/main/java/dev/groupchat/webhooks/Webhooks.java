package dev.groupchat.webhooks;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.Role;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering, listing and deleting endpoints: a group's by its OWNER only; service-wide
 * ones (every group's events) by an operator (the {@code ops} role) only.
 */
@Service
class Webhooks {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final GroupAccess access;

	private final WebhookStore store;

	private final AddressGuard guard;

	private final WebhookProperties properties;

	private final Clock clock;

	Webhooks(GroupAccess access, WebhookStore store, AddressGuard guard, WebhookProperties properties, Clock clock) {
		this.access = access;
		this.store = store;
		this.guard = guard;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Checks who asks first, then the URL (SSRF guard) and the event types, then the
	 * limit.
	 */
	@Transactional
	CreatedWebhook register(CurrentUser user, UUID groupId, WebhookRequest request) {
		requireOwner(user, groupId);
		return create(user, groupId, request);
	}

	/** A service-wide endpoint: the events of every group. */
	@Transactional
	CreatedWebhook registerForService(CurrentUser user, WebhookRequest request) {
		requireOperator(user);
		return create(user, null, request);
	}

	private CreatedWebhook create(CurrentUser user, @Nullable UUID groupId, WebhookRequest request) {
		List<String> events = WebhookEvent.validate(request.events());
		String url = guard.check(request.url()).toString();
		if (store.lockAndCount(groupId) >= properties.maxPerGroup()) {
			throw WebhookProblems.tooMany(properties.maxPerGroup());
		}
		UUID id = Ids.next();
		String secret = newSecret();
		Instant now = clock.instant();
		store.insert(id, groupId, url, events, secret, user.id(), now);
		return new CreatedWebhook(id, url, events, secret, now);
	}

	@Transactional(readOnly = true)
	List<WebhookView> list(CurrentUser user, UUID groupId) {
		requireOwner(user, groupId);
		return store.list(groupId);
	}

	@Transactional
	void delete(CurrentUser user, UUID groupId, String webhookId) {
		requireOwner(user, groupId);
		if (!store.delete(groupId, parse(webhookId))) {
			throw WebhookProblems.notFound(webhookId);
		}
	}

	@Transactional(readOnly = true)
	List<WebhookView> listForService(CurrentUser user) {
		requireOperator(user);
		return store.list(null);
	}

	@Transactional
	void deleteForService(CurrentUser user, String webhookId) {
		requireOperator(user);
		if (!store.delete(null, parse(webhookId))) {
			throw WebhookProblems.notFound(webhookId);
		}
	}

	private static void requireOperator(CurrentUser user) {
		if (!user.isOperator()) {
			throw WebhookProblems.notOperator();
		}
	}

	private void requireOwner(CurrentUser user, UUID groupId) {
		if (access.standing(groupId, user.id()).requireReader(groupId).role() != Role.OWNER) {
			throw WebhookProblems.notOwner();
		}
	}

	private static UUID parse(String webhookId) {
		try {
			return UUID.fromString(webhookId);
		}
		catch (IllegalArgumentException ex) {
			throw WebhookProblems.notFound(webhookId);
		}
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}

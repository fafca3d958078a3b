package dev.groupchat.notifications;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth2 access tokens for FCM from a service account (the JWT-bearer grant, RFC 7523): a
 * JWT signed with the account's key is exchanged at its {@code token_uri}; the token is
 * kept until a minute before it expires, so that a node asks once an hour, not per push.
 */
class FcmTokens {

	static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

	private static final Duration LIFETIME = Duration.ofHours(1);

	private static final Duration MARGIN = Duration.ofMinutes(1);

	/** Why no token could be had; its message is a short metric reason. */
	static final class Unavailable extends Exception {

		private static final long serialVersionUID = 1L;

		private final String reason;

		Unavailable(String reason) {
			super(reason, null, false, false);
			this.reason = reason;
		}

		String reason() {
			return reason;
		}

	}

	private record Token(String value, Instant refreshAt) {
	}

	private final FcmAccount account;

	private final HttpClient http;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration timeout;

	private @Nullable Token token;

	FcmTokens(FcmAccount account, HttpClient http, JsonMapper json, Clock clock, Duration timeout) {
		this.account = account;
		this.http = http;
		this.json = json;
		this.clock = clock;
		this.timeout = timeout;
	}

	/** The cached access token, or a new one when it is about to expire. */
	synchronized String current() throws Unavailable {
		Token cached = token;
		if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
			return cached.value();
		}
		Token fresh = request();
		token = fresh;
		return fresh.value();
	}

	/** Forgets the token FCM refused, so that the next call asks for a new one. */
	synchronized void invalidate(String refused) {
		Token cached = token;
		if (cached != null && cached.value().equals(refused)) {
			token = null;
		}
	}

	private Token request() throws Unavailable {
		String form = "grant_type="
				+ URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
				+ "&assertion=" + URLEncoder.encode(assertion(), StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(account.tokenUri())
			.timeout(timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new Unavailable("fcm token HTTP " + response.statusCode());
			}
			JsonNode body = json.readTree(response.body());
			String value = body.path("access_token").asString("");
			if (value.isBlank()) {
				throw new Unavailable("fcm token without access_token");
			}
			long expiresIn = body.path("expires_in").asLong(LIFETIME.toSeconds());
			return new Token(value, clock.instant().plusSeconds(expiresIn).minus(MARGIN));
		}
		catch (IOException | RuntimeException ex) {
			throw new Unavailable("fcm token " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("interrupted");
		}
	}

	private String assertion() throws Unavailable {
		Instant now = clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(account.clientEmail())
			.audience(account.tokenUri().toString())
			.claim("scope", SCOPE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(LIFETIME)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(account.privateKeyId())
			.build(), claims);
		try {
			jwt.sign(new RSASSASigner(account.privateKey()));
		}
		catch (JOSEException ex) {
			throw new Unavailable("fcm token signing");
		}
		return jwt.serialize();
	}

}

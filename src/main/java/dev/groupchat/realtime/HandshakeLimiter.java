package dev.groupchat.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * WebSocket handshakes per client address: {@code handshakes-per-second}, with a burst of
 * twice as many; beyond, 429 with {@code Retry-After: 1} before the upgrade, so a
 * reconnect loop or a flood costs no session. The address is the request's remote address
 * (behind a proxy, set {@code server.forward-headers-strategy} so that it is the
 * client's). Per node.
 */
@Component
class HandshakeLimiter implements HandshakeInterceptor {

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final int perSecond;

	HandshakeLimiter(RealtimeProperties properties) {
		this.perSecond = properties.handshakesPerSecond();
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (perSecond <= 0 || request.getRemoteAddress() == null) {
			return true;
		}
		String address = request.getRemoteAddress().getAddress().getHostAddress();
		if (buckets.computeIfAbsent(address, a -> new TokenBucket(perSecond, perSecond * 2.0)).tryTake()) {
			return true;
		}
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().set("Retry-After", "1");
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

	/** Forgets addresses that have been quiet long enough for their bucket to refill. */
	@Scheduled(fixedDelay = 60_000)
	void forgetQuietAddresses() {
		buckets.values().removeIf(TokenBucket::isFull);
	}

}

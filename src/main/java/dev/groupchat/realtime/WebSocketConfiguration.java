package dev.groupchat.realtime;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final StompEndpoint endpoint;

	private final RealtimeProperties properties;

	private final HandshakeLimiter handshakes;

	WebSocketConfiguration(StompEndpoint endpoint, RealtimeProperties properties, HandshakeLimiter handshakes) {
		this.endpoint = endpoint;
		this.properties = properties;
		this.handshakes = handshakes;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(endpoint, "/ws")
			.addInterceptors(handshakes)
			.setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
	}

	/**
	 * Tomcat allocates a connection's WebSocket read buffers when it opens, at their full
	 * size; with partial messages (see {@link StompEndpoint#supportsPartialMessages()})
	 * they can stay small, which is most of what an idle session costs.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int buffer = (int) properties.readBufferSize().toBytes();
		container.setMaxTextMessageBufferSize(buffer);
		container.setMaxBinaryMessageBufferSize(buffer);
		return container;
	}

	/**
	 * Socket buffers off the heap: tens of thousands of idle connections should not fill
	 * it. The kernel send buffer is capped: a client that stops reading then leaves
	 * writes unfinished within a second or two (and is closed as a slow consumer) instead
	 * of megabytes vanishing into the kernel.
	 */
	@Bean
	TomcatConnectorCustomizer directSocketBuffers() {
		return connector -> {
			connector.setProperty("socket.directBuffer", "true");
			connector.setProperty("socket.txBufSize", Long.toString(properties.socketSendBuffer().toBytes()));
		};
	}

}

package dev.groupchat.realtime;

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

	WebSocketConfiguration(StompEndpoint endpoint, RealtimeProperties properties) {
		this.endpoint = endpoint;
		this.properties = properties;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(endpoint, "/ws").setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
	}

	/**
	 * The container accepts frames up to twice the STOMP limit, so that a frame just over it gets a
	 * readable ERROR; beyond that the container closes with 1009 (message too big).
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int buffer = (int) properties.maxFrameSize().toBytes() * 2;
		container.setMaxTextMessageBufferSize(buffer);
		container.setMaxBinaryMessageBufferSize(buffer);
		return container;
	}

}

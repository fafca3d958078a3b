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

	WebSocketConfiguration(StompEndpoint endpoint, RealtimeProperties properties) {
		this.endpoint = endpoint;
		this.properties = properties;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(endpoint, "/ws").setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
	}

	/**
	 * Tomcat allocates a connection's WebSocket read buffers when it opens, at their full size; with
	 * partial messages (see {@link StompEndpoint#supportsPartialMessages()}) they can stay small,
	 * which is most of what an idle session costs.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int buffer = (int) properties.readBufferSize().toBytes();
		container.setMaxTextMessageBufferSize(buffer);
		container.setMaxBinaryMessageBufferSize(buffer);
		return container;
	}

	/** Socket buffers off the heap: tens of thousands of idle connections should not fill it. */
	@Bean
	TomcatConnectorCustomizer directSocketBuffers() {
		return connector -> connector.setProperty("socket.directBuffer", "true");
	}

}

package dev.groupchat;

import dev.groupchat.cli.ChatCommand;
import dev.groupchat.identity.TokenCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The groupchat service. {@code java -jar groupchat.jar token <userId>} mints a
 * development token and {@code chat <groupId> --token=…} is a terminal chat client; both
 * run instead of the server (see README).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GroupchatApplication {

	static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	public static void main(String[] args) throws Exception {
		if (TokenCommand.matches(args)) {
			System.exit(TokenCommand.run(args));
		}
		if (ChatCommand.matches(args)) {
			System.exit(ChatCommand.run(args));
		}
		smallWebSocketBuffers();
		SpringApplication.run(GroupchatApplication.class, args);
	}

	/**
	 * Tomcat gives every WebSocket connection three buffers of this size (read, write,
	 * encoder) when it opens; 8 KiB each is most of what an idle session costs. Frames
	 * are assembled from parts (see the realtime module), so 2 KiB serve as well. Must be
	 * set before Tomcat's WebSocket classes load; an explicit -D wins.
	 */
	static void smallWebSocketBuffers() {
		if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
			System.setProperty(TOMCAT_WEBSOCKET_BUFFER, "2048");
		}
	}

}

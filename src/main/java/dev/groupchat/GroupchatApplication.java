package dev.groupchat;

import dev.groupchat.cli.ChatCommand;
import dev.groupchat.identity.TokenCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The groupchat service. {@code java -jar groupchat.jar token <userId>} mints a development token and
 * {@code chat <groupId> --token=…} is a terminal chat client; both run instead of the server (see README).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GroupchatApplication {

	public static void main(String[] args) throws Exception {
		if (TokenCommand.matches(args)) {
			System.exit(TokenCommand.run(args));
		}
		if (ChatCommand.matches(args)) {
			System.exit(ChatCommand.run(args));
		}
		SpringApplication.run(GroupchatApplication.class, args);
	}

}

package dev.groupchat;

import dev.groupchat.identity.TokenCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The groupchat service. {@code java -jar groupchat.jar token <userId>} mints a development token
 * instead of starting the server (see README).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GroupchatApplication {

	public static void main(String[] args) {
		if (TokenCommand.matches(args)) {
			System.exit(TokenCommand.run(args));
		}
		SpringApplication.run(GroupchatApplication.class, args);
	}

}

package dev.groupchat.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The address {@code token <user> --dashboard} prints: the token in the fragment, the
 * right host.
 */
class TokenCommandTest {

	@Test
	void theDashboardLinkCarriesTheTokenInTheFragmentOfTheServicesAddress() {
		assertThat(TokenCommand.dashboardUrl("", null, "t0k")).isEqualTo("http://localhost:8080/dashboard#token=t0k");
		assertThat(TokenCommand.dashboardUrl("", "9090", "t0k")).isEqualTo("http://localhost:9090/dashboard#token=t0k");
		assertThat(TokenCommand.dashboardUrl("", "nonsense", "t0k")).startsWith("http://localhost:8080/");
		assertThat(TokenCommand.dashboardUrl("https://chat.example.com/", "9090", "t0k"))
			.isEqualTo("https://chat.example.com/dashboard#token=t0k");
	}

}
